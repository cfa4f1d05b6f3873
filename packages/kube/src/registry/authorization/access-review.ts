/**
 * @module registry/authorization/access-review
 * The hook through which access reviews ask "may this user do this?". The API server plugs its
 * authorizer in with `setAccessReviewer`; until then members of `system:masters` may do everything and
 * everyone else nothing (the reason says why).
 */
import type { UserInfo } from '../types';

/** What is being asked: a resource request (verb on group/resource/...) or a non-resource one (verb on path). */
export interface AccessAttributes {
  verb: string;
  resourceRequest: boolean;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  /** Non-resource requests: the URL path (`/healthz`). */
  path?: string;
}

/** The answer an authorizer gives. `denied` distinguishes an explicit deny from "no opinion". */
export interface AccessDecision {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

export type AccessReviewer = (
  user: UserInfo,
  attrs: AccessAttributes,
) => AccessDecision | Promise<AccessDecision>;

/** One rule of a SelfSubjectRulesReview answer. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}
export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}
export interface RulesDecision {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

export type RulesReviewer = (user: UserInfo, namespace: string) => RulesDecision | Promise<RulesDecision>;

const mastersGroup = 'system:masters';

/** The reviewer used until the API server installs its own. */
export const defaultAccessReviewer: AccessReviewer = (user) =>
  user.groups.includes(mastersGroup)
    ? { allowed: true, reason: `user is a member of the ${mastersGroup} group` }
    : {
        allowed: false,
        reason: `no authorizer is configured and user "${user.username}" is not a member of ${mastersGroup}`,
      };

/** The rules reviewer used until the API server installs its own. */
export const defaultRulesReviewer: RulesReviewer = (user) =>
  user.groups.includes(mastersGroup)
    ? {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      }
    : {
        resourceRules: [],
        nonResourceRules: [],
        incomplete: true,
        evaluationError: 'no authorizer is configured',
      };

let accessReviewer: AccessReviewer = defaultAccessReviewer;
let rulesReviewer: RulesReviewer = defaultRulesReviewer;

/** Installs the authorizer consulted by (Self)SubjectAccessReviews; pass nothing to restore the default. */
export function setAccessReviewer(fn?: AccessReviewer): void {
  accessReviewer = fn ?? defaultAccessReviewer;
}

/** Installs the rule lister consulted by SelfSubjectRulesReviews; pass nothing to restore the default. */
export function setRulesReviewer(fn?: RulesReviewer): void {
  rulesReviewer = fn ?? defaultRulesReviewer;
}

/** Asks the installed reviewer. */
export function reviewAccess(
  user: UserInfo,
  attrs: AccessAttributes,
): AccessDecision | Promise<AccessDecision> {
  return accessReviewer(user, attrs);
}

/** Asks the installed rules reviewer. */
export function reviewRules(user: UserInfo, namespace: string): RulesDecision | Promise<RulesDecision> {
  return rulesReviewer(user, namespace);
}
