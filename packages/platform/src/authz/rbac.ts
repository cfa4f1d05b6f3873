/**
 * @module authz/rbac
 * Kubernetes RBAC rule semantics: does one PolicyRule allow a request? Wildcards `*` in verbs, apiGroups and
 * resources; `resource/subresource` and `*\/subresource`; resourceNames restrict to named objects (never
 * matching collection verbs without a name); nonResourceURLs match exactly or by a trailing `*` prefix.
 */
import type { Attributes, PolicyRule, Subject, UserInfo } from './types';

const has = (list: string[] | undefined, value: string) =>
  !!list && (list.includes('*') || list.includes(value));

function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const resources = rule.resources ?? [];
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of resources) {
    if (r === '*' || r === combined) return true;
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

function nonResourceMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

/** Whether `rule` allows the request described by `attrs`. */
export function ruleAllows(attrs: Attributes, rule: PolicyRule): boolean {
  if (!has(rule.verbs, attrs.verb)) return false;
  if (!attrs.resourceRequest) return nonResourceMatches(rule, attrs.path);
  if (!has(rule.apiGroups, attrs.apiGroup)) return false;
  if (!resourceMatches(rule, attrs.resource, attrs.subresource)) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0)
    return !!attrs.name && rule.resourceNames.includes(attrs.name);
  return true;
}

/** Whether a binding subject names the user (directly or through one of their groups). */
export function subjectMatches(subject: Subject, user: UserInfo): boolean {
  if (subject.kind === 'User') return subject.name === user.name;
  if (subject.kind === 'Group') return user.groups.includes(subject.name);
  if (subject.kind === 'ServiceAccount') {
    return user.name === `system:serviceaccount:${subject.namespace ?? ''}:${subject.name}`;
  }
  return false;
}
