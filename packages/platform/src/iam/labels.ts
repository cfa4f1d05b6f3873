/**
 * @module iam/labels
 * The label and annotation keys KubeSphere uses (facts, kept as data).
 */
export const L = {
  workspace: 'kubesphere.io/workspace',
  namespace: 'kubesphere.io/namespace',
  creator: 'kubesphere.io/creator',
  aliasName: 'kubesphere.io/alias-name',
  description: 'kubesphere.io/description',
  userRef: 'iam.kubesphere.io/user-ref',
  roleTemplate: 'iam.kubesphere.io/role-template',
  aggregationRoles: 'iam.kubesphere.io/aggregation-roles',
  roleTemplateRules: 'iam.kubesphere.io/role-template-rules',
  globalRole: 'iam.kubesphere.io/globalrole',
  workspaceRole: 'iam.kubesphere.io/workspacerole',
  role: 'iam.kubesphere.io/role',
  uninitialized: 'iam.kubesphere.io/uninitialized',
  lastPasswordChange: 'iam.kubesphere.io/last-password-change-time',
  /** Tokens issued before this time (RFC3339) are revoked: how logout works across replicas. */
  tokensRevokedBefore: 'iam.kubesphere.io/tokens-revoked-before',
  scopeNamespace: 'scope.kubesphere.io/namespace',
  scopeWorkspace: 'scope.kubesphere.io/workspace',
  scopeGlobal: 'scope.kubesphere.io/global',
} as const;
