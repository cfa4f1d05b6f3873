/**
 * @module registry/rbac/rules
 * Validation shared by the four RBAC kinds: policy rules, role references and subjects, with
 * kube-apiserver's messages.
 */
import { isValidPathSegmentName, isDns1123Subdomain, type StatusCause } from '@sphere/shared';
import { validateLabelSelector } from '../validation';
import { goStringSlice, invalidRendered, isObj, type Obj } from '../apps/support';

export const rbacGroup = 'rbac.authorization.k8s.io';

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

function notSupported(field: string, value: unknown, supported: string[]): StatusCause {
  return {
    reason: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: "${String(value ?? '')}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  };
}

/** One PolicyRule: verbs, and either resources (with groups) or non-resource URLs (cluster roles only). */
export function validatePolicyRule(rule: unknown, namespaced: boolean, path: string): StatusCause[] {
  const r = (isObj(rule) ? rule : {}) as Obj;
  const causes: StatusCause[] = [];
  if (strings(r.verbs).length === 0) {
    causes.push({
      reason: 'FieldValueRequired',
      field: `${path}.verbs`,
      message: 'Required value: verbs must contain at least one value',
    });
  }
  const urls = strings(r.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) {
      causes.push(
        invalidRendered(
          `${path}.nonResourceURLs`,
          goStringSlice(urls),
          'namespaced rules cannot apply to non-resource URLs',
        ),
      );
    }
    if (
      strings(r.apiGroups).length > 0 ||
      strings(r.resources).length > 0 ||
      strings(r.resourceNames).length > 0
    ) {
      causes.push(
        invalidRendered(
          `${path}.nonResourceURLs`,
          goStringSlice(urls),
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return causes;
  }
  if (strings(r.apiGroups).length === 0) {
    causes.push({
      reason: 'FieldValueRequired',
      field: `${path}.apiGroups`,
      message: 'Required value: resource rules must supply at least one api group',
    });
  }
  if (strings(r.resources).length === 0) {
    causes.push({
      reason: 'FieldValueRequired',
      field: `${path}.resources`,
      message: 'Required value: resource rules must supply at least one resource',
    });
  }
  return causes;
}

/** The rules of a Role or ClusterRole (and a ClusterRole's aggregation selectors). */
export function validateRules(obj: Obj, namespaced: boolean): StatusCause[] {
  const rules = Array.isArray(obj.rules) ? obj.rules : [];
  const causes = rules.flatMap((rule, i) => validatePolicyRule(rule, namespaced, `rules[${i}]`));
  const selectors = isObj(obj.aggregationRule) ? obj.aggregationRule.clusterRoleSelectors : undefined;
  (Array.isArray(selectors) ? selectors : []).forEach((s, i) => {
    causes.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`));
  });
  return causes;
}

/** A binding's roleRef: this API group, an allowed kind, and a valid name. */
export function validateRoleRef(roleRef: unknown, kinds: string[]): StatusCause[] {
  const ref = (isObj(roleRef) ? roleRef : {}) as Obj;
  const causes: StatusCause[] = [];
  if (ref.apiGroup !== rbacGroup) causes.push(notSupported('roleRef.apiGroup', ref.apiGroup, [rbacGroup]));
  if (!kinds.includes(String(ref.kind))) causes.push(notSupported('roleRef.kind', ref.kind, kinds));
  const name = typeof ref.name === 'string' ? ref.name : '';
  if (name === '')
    causes.push({ reason: 'FieldValueRequired', field: 'roleRef.name', message: 'Required value' });
  else
    for (const msg of isValidPathSegmentName(name))
      causes.push(invalidRendered('roleRef.name', JSON.stringify(name), msg));
  return causes;
}

/** One subject of a binding (`namespaced` for RoleBindings, where ServiceAccounts may omit the namespace). */
export function validateSubject(subject: unknown, namespaced: boolean, path: string): StatusCause[] {
  const s = (isObj(subject) ? subject : {}) as Obj;
  const causes: StatusCause[] = [];
  const name = typeof s.name === 'string' ? s.name : '';
  if (name === '')
    causes.push({ reason: 'FieldValueRequired', field: `${path}.name`, message: 'Required value' });
  const apiGroup = typeof s.apiGroup === 'string' ? s.apiGroup : '';
  switch (s.kind) {
    case 'ServiceAccount':
      if (name)
        for (const msg of isDns1123Subdomain(name))
          causes.push(invalidRendered(`${path}.name`, JSON.stringify(name), msg));
      if (apiGroup !== '') causes.push(notSupported(`${path}.apiGroup`, apiGroup, ['']));
      if (!namespaced && !s.namespace)
        causes.push({ reason: 'FieldValueRequired', field: `${path}.namespace`, message: 'Required value' });
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== rbacGroup) causes.push(notSupported(`${path}.apiGroup`, apiGroup, [rbacGroup]));
      break;
    default:
      causes.push(notSupported(`${path}.kind`, s.kind, ['ServiceAccount', 'User', 'Group']));
  }
  return causes;
}

/** How a field error prints a RoleRef. */
export function goRoleRef(roleRef: unknown): string {
  const ref = (isObj(roleRef) ? roleRef : {}) as Obj;
  const q = (v: unknown) => JSON.stringify(typeof v === 'string' ? v : '');
  return `rbac.RoleRef{APIGroup:${q(ref.apiGroup)}, Kind:${q(ref.kind)}, Name:${q(ref.name)}}`;
}
