/**
 * @module registry/authorization/reviews
 * authorization.k8s.io/v1 SelfSubjectAccessReview, SubjectAccessReview and SelfSubjectRulesReview: create-only
 * resources that are answered, never stored (`kubectl auth can-i`, `kubectl auth can-i --list`).
 */
import { errors, type KubeObject, type StatusCause } from '@sphere/shared';
import { cloneJson, isObj, type Obj } from '../apps/support';
import type { ResourceDescriptor, UserInfo } from '../types';
import { reviewAccess, reviewRules, type AccessAttributes, type AccessDecision } from './access-review';

const group = 'authorization.k8s.io';

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The attribute checks shared by both access reviews. */
function validateAttributes(spec: Obj): StatusCause[] {
  const hasResource = isObj(spec.resourceAttributes);
  const hasNonResource = isObj(spec.nonResourceAttributes);
  if (hasResource && hasNonResource) {
    return [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.nonResourceAttributes',
        message: `Invalid value: ${JSON.stringify(spec.nonResourceAttributes)}: cannot be specified in combination with resourceAttributes`,
      },
    ];
  }
  if (!hasResource && !hasNonResource) {
    return [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.resourceAttributes',
        message:
          'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
      },
    ];
  }
  return [];
}

/** The authorizer attributes a review's spec asks about. */
export function attributesOf(spec: Obj): AccessAttributes {
  if (isObj(spec.nonResourceAttributes)) {
    const a = spec.nonResourceAttributes;
    return { verb: text(a.verb), path: text(a.path), resourceRequest: false };
  }
  const a = (isObj(spec.resourceAttributes) ? spec.resourceAttributes : {}) as Obj;
  return {
    verb: text(a.verb),
    resourceRequest: true,
    group: text(a.group),
    version: text(a.version),
    resource: text(a.resource),
    subresource: text(a.subresource),
    name: text(a.name),
    namespace: text(a.namespace),
  };
}

function statusOf(decision: AccessDecision): Obj {
  const status: Obj = { allowed: decision.allowed };
  if (decision.denied) status.denied = true;
  if (decision.reason) status.reason = decision.reason;
  if (decision.evaluationError) status.evaluationError = decision.evaluationError;
  return status;
}

function answer(obj: KubeObject, status: Obj): KubeObject {
  const out = cloneJson(obj);
  out.metadata = { ...out.metadata, creationTimestamp: null };
  out.status = status;
  return out;
}

/** Answers a SelfSubjectAccessReview for the requesting user. */
export async function createSelfSubjectAccessReview(obj: KubeObject, user: UserInfo): Promise<KubeObject> {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const causes = validateAttributes(spec);
  if (causes.length > 0)
    throw errors.invalid('SelfSubjectAccessReview', group, obj.metadata.name ?? '', causes);
  return answer(obj, statusOf(await reviewAccess(user, attributesOf(spec))));
}

/** Answers a SubjectAccessReview for the user named in its spec. */
export async function createSubjectAccessReview(obj: KubeObject): Promise<KubeObject> {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const causes = validateAttributes(spec);
  const groups = Array.isArray(spec.groups) ? spec.groups.map(String) : [];
  if (!text(spec.user) && groups.length === 0) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'spec.user',
      message: 'Invalid value: "": at least one of user or group must be specified',
    });
  }
  if (causes.length > 0)
    throw errors.invalid(obj.kind ?? 'SubjectAccessReview', group, obj.metadata.name ?? '', causes);
  const subject: UserInfo = {
    username: text(spec.user),
    groups,
    ...(text(spec.uid) ? { uid: text(spec.uid) } : {}),
  };
  return answer(obj, statusOf(await reviewAccess(subject, attributesOf(spec))));
}

/**
 * Answers a LocalSubjectAccessReview: a SubjectAccessReview confined to one namespace. The namespace is
 * `metadata.namespace` (the request path's namespace once the pipeline fills it in).
 */
export async function createLocalSubjectAccessReview(obj: KubeObject): Promise<KubeObject> {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const namespace = obj.metadata.namespace ?? '';
  const causes: StatusCause[] = [];
  if (isObj(spec.resourceAttributes) && text(spec.resourceAttributes.namespace) !== namespace) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'spec.resourceAttributes.namespace',
      message: `Invalid value: ${JSON.stringify(text(spec.resourceAttributes.namespace))}: must match metadata.namespace`,
    });
  }
  if (isObj(spec.nonResourceAttributes)) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'spec.nonResourceAttributes',
      message: `Invalid value: ${JSON.stringify(spec.nonResourceAttributes)}: disallowed on this kind of request`,
    });
  }
  if (causes.length > 0)
    throw errors.invalid('LocalSubjectAccessReview', group, obj.metadata.name ?? '', causes);
  return createSubjectAccessReview(obj);
}

/** Lists what the requesting user may do in `spec.namespace`. */
export async function createSelfSubjectRulesReview(obj: KubeObject, user: UserInfo): Promise<KubeObject> {
  const namespace = text((isObj(obj.spec) ? obj.spec : {}).namespace);
  const decision = await reviewRules(user, namespace);
  const status: Obj = {
    resourceRules: decision.resourceRules,
    nonResourceRules: decision.nonResourceRules,
    incomplete: decision.incomplete,
  };
  if (decision.evaluationError) status.evaluationError = decision.evaluationError;
  return answer(obj, status);
}

const common = { group, version: 'v1', namespaced: false, strategicMerge: true };

/** authorization.k8s.io/v1 selfsubjectaccessreviews. */
export const selfsubjectaccessreviews: ResourceDescriptor = {
  ...common,
  verbs: ['create'],
  kind: 'SelfSubjectAccessReview',
  plural: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  schemaId: 'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
  virtual: { create: createSelfSubjectAccessReview },
};

/** authorization.k8s.io/v1 subjectaccessreviews. */
export const subjectaccessreviews: ResourceDescriptor = {
  ...common,
  verbs: ['create'],
  kind: 'SubjectAccessReview',
  plural: 'subjectaccessreviews',
  singular: 'subjectaccessreview',
  schemaId: 'io.k8s.api.authorization.v1.SubjectAccessReview',
  virtual: { create: (obj) => createSubjectAccessReview(obj) },
};

/** authorization.k8s.io/v1 localsubjectaccessreviews (namespaced). */
export const localsubjectaccessreviews: ResourceDescriptor = {
  ...common,
  namespaced: true,
  verbs: ['create'],
  kind: 'LocalSubjectAccessReview',
  plural: 'localsubjectaccessreviews',
  singular: 'localsubjectaccessreview',
  schemaId: 'io.k8s.api.authorization.v1.LocalSubjectAccessReview',
  virtual: { create: (obj) => createLocalSubjectAccessReview(obj) },
};

/** authorization.k8s.io/v1 selfsubjectrulesreviews. */
export const selfsubjectrulesreviews: ResourceDescriptor = {
  ...common,
  verbs: ['create'],
  kind: 'SelfSubjectRulesReview',
  plural: 'selfsubjectrulesreviews',
  singular: 'selfsubjectrulesreview',
  schemaId: 'io.k8s.api.authorization.v1.SelfSubjectRulesReview',
  virtual: { create: createSelfSubjectRulesReview },
};
