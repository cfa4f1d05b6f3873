/**
 * @module cluster/admission/limit-range
 * The LimitRanger admission plugin: fills containers' missing requests and limits from the namespace's
 * LimitRanges (type Container: default, defaultRequest), records what it set in the
 * `kubernetes.io/limit-ranger` annotation, and refuses pods and claims outside min/max/ratio with
 * upstream's messages. Runs before ResourceQuota so defaults count against quotas.
 */
import { errors, formatQuantity, parseQuantity, type KubeObject } from '@sphere/shared';
import type { AdmissionPlugin } from '../../pipeline/deps';
import type { Store } from '../../storage/types';

type ResourceList = Record<string, string>;

interface LimitItem {
  type: string;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  min?: ResourceList;
  max?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

interface Container {
  name: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
}

const num = (v: string) => {
  try {
    return parseQuantity(v);
  } catch {
    return NaN;
  }
};

/** Fills defaults into one container; returns the resource names set, for the annotation. */
export function applyDefaults(c: Container, item: LimitItem): { requests: string[]; limits: string[] } {
  const set = { requests: [] as string[], limits: [] as string[] };
  const resources = (c.resources ??= {});
  for (const [res, v] of Object.entries(item.default ?? {})) {
    if (resources.limits?.[res] !== undefined) continue;
    (resources.limits ??= {})[res] = v;
    set.limits.push(res);
  }
  for (const [res, v] of Object.entries(item.defaultRequest ?? {})) {
    if (resources.requests?.[res] !== undefined) continue;
    (resources.requests ??= {})[res] = v;
    set.requests.push(res);
  }
  return set;
}

/** Min/max/ratio violations of one resource list pair against a limit item (upstream wording). */
export function violations(
  kind: string,
  requests: ResourceList,
  limits: ResourceList,
  item: LimitItem,
): string[] {
  const out: string[] = [];
  for (const [res, min] of Object.entries(item.min ?? {})) {
    const req = requests[res];
    if (req === undefined) out.push(`minimum ${res} usage per ${kind} is ${min}.  No request is specified`);
    else if (num(req) < num(min))
      out.push(`minimum ${res} usage per ${kind} is ${min}, but request is ${req}`);
  }
  for (const [res, max] of Object.entries(item.max ?? {})) {
    const lim = limits[res];
    if (lim === undefined) out.push(`maximum ${res} usage per ${kind} is ${max}.  No limit is specified`);
    else if (num(lim) > num(max)) out.push(`maximum ${res} usage per ${kind} is ${max}, but limit is ${lim}`);
  }
  for (const [res, ratio] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const lim = limits[res];
    const req = requests[res];
    if (lim === undefined || req === undefined || num(req) === 0) continue;
    const actual = num(lim) / num(req);
    if (actual > num(ratio))
      out.push(
        `${res} max limit to request ratio per ${kind} is ${ratio}, but provided ratio is ${actual.toFixed(6)}`,
      );
  }
  return out;
}

const aggregate = (msgs: string[]) => (msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`);

function admitPod(pod: KubeObject, items: LimitItem[]): string[] {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const problems: string[] = [];
  const notes: string[] = [];
  for (const item of items.filter((i) => i.type === 'Container')) {
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const set = applyDefaults(c, item);
      // A request left unset defaults to the limit (as the API's pod defaulting would).
      for (const [res, v] of Object.entries(c.resources?.limits ?? {}))
        if (c.resources?.requests?.[res] === undefined) (c.resources!.requests ??= {})[res] = v;
      if (set.requests.length)
        notes.push(
          `${set.requests.join(', ')} request for ${spec.initContainers?.includes(c) ? 'init container' : 'container'} ${c.name}`,
        );
      if (set.limits.length)
        notes.push(
          `${set.limits.join(', ')} limit for ${spec.initContainers?.includes(c) ? 'init container' : 'container'} ${c.name}`,
        );
    }
  }
  for (const item of items.filter((i) => i.type === 'Container'))
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])])
      problems.push(...violations('Container', c.resources?.requests ?? {}, c.resources?.limits ?? {}, item));
  for (const item of items.filter((i) => i.type === 'Pod')) {
    const sum = (kind: 'requests' | 'limits') => {
      const out: Record<string, number> = {};
      for (const c of spec.containers ?? [])
        for (const [res, v] of Object.entries(c.resources?.[kind] ?? {})) out[res] = (out[res] ?? 0) + num(v);
      return Object.fromEntries(
        Object.entries(out).map(([k, v]) => [
          k,
          formatQuantity(v, /memory|storage/.test(k) ? 'BinarySI' : 'DecimalSI'),
        ]),
      );
    };
    problems.push(...violations('Pod', sum('requests'), sum('limits'), item));
  }
  if (notes.length && problems.length === 0) {
    pod.metadata.annotations = {
      ...(pod.metadata.annotations ?? {}),
      'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}`,
    };
  }
  return problems;
}

function admitClaim(pvc: KubeObject, items: LimitItem[]): string[] {
  const spec = (pvc.spec ?? {}) as { resources?: { requests?: ResourceList; limits?: ResourceList } };
  const problems: string[] = [];
  for (const item of items.filter((i) => i.type === 'PersistentVolumeClaim'))
    problems.push(
      ...violations(
        'PersistentVolumeClaim',
        spec.resources?.requests ?? {},
        spec.resources?.limits ?? spec.resources?.requests ?? {},
        item,
      ),
    );
  return problems;
}

export function limitRangeAdmission(store: Store): AdmissionPlugin {
  return {
    name: 'LimitRanger',
    admit({ operation, descriptor, subresource, object }) {
      if (operation !== 'create' || subresource || descriptor.group !== '') return;
      if (descriptor.plural !== 'pods' && descriptor.plural !== 'persistentvolumeclaims') return;
      const namespace = object.metadata.namespace;
      if (!namespace) return;
      const items = store
        .list('/limitranges', { namespace })
        .items.flatMap((lr) => (lr.spec as { limits?: LimitItem[] } | undefined)?.limits ?? []);
      if (items.length === 0) return;
      const problems = descriptor.plural === 'pods' ? admitPod(object, items) : admitClaim(object, items);
      if (problems.length) {
        const name = object.metadata.name || object.metadata.generateName || '';
        throw errors.forbidden(`${descriptor.plural} "${name}" is forbidden: ${aggregate(problems)}`, {
          name,
          kind: descriptor.plural,
        });
      }
    },
  };
}
