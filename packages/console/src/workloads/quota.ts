/**
 * @module workloads/quota
 * Project Resource Quota (a core ResourceQuota; KubeSphere's QUOTAS_MAP fields) and Default Container
 * Resources (a LimitRange `Container` item with `default` and `defaultRequest`). Pure: form ↔ object,
 * used/hard rows, validation.
 */
import type { KubeObject } from '@sphere/shared';
import { isValidQuantity, parseQuantity } from '@sphere/shared/quantity';

type Any = Record<string, unknown>;

/** One quota field: the ResourceQuota key, its i18n label, and how it is entered. */
export interface QuotaField {
  key: string;
  label: string;
  unit: 'cpu' | 'memory' | 'count';
}

/** KubeSphere's QUOTAS_MAP, in its order. */
export const QUOTA_FIELDS: QuotaField[] = [
  { key: 'limits.cpu', label: 'QUOTA_LIMITS_CPU', unit: 'cpu' },
  { key: 'requests.cpu', label: 'QUOTA_REQUESTS_CPU', unit: 'cpu' },
  { key: 'limits.memory', label: 'QUOTA_LIMITS_MEMORY', unit: 'memory' },
  { key: 'requests.memory', label: 'QUOTA_REQUESTS_MEMORY', unit: 'memory' },
  { key: 'pods', label: 'QUOTA_PODS', unit: 'count' },
  { key: 'count/deployments.apps', label: 'QUOTA_DEPLOYMENTS', unit: 'count' },
  { key: 'count/statefulsets.apps', label: 'QUOTA_STATEFULSETS', unit: 'count' },
  { key: 'count/daemonsets.apps', label: 'QUOTA_DAEMONSETS', unit: 'count' },
  { key: 'count/jobs.batch', label: 'QUOTA_JOBS', unit: 'count' },
  { key: 'count/cronjobs.batch', label: 'QUOTA_CRONJOBS', unit: 'count' },
  { key: 'persistentvolumeclaims', label: 'QUOTA_PVCS', unit: 'count' },
  { key: 'count/services', label: 'QUOTA_SERVICES', unit: 'count' },
  { key: 'services.loadbalancers', label: 'QUOTA_LOADBALANCERS', unit: 'count' },
  { key: 'count/ingresses.networking.k8s.io', label: 'QUOTA_ROUTES', unit: 'count' },
  { key: 'count/secrets', label: 'QUOTA_SECRETS', unit: 'count' },
  { key: 'count/configmaps', label: 'QUOTA_CONFIGMAPS', unit: 'count' },
];

/** Form values by ResourceQuota key; an empty value means "no limit". */
export type QuotaForm = Record<string, string>;

/** The project's quota object: the one named after the project, else the first. */
export function pickQuota(namespace: string, quotas: KubeObject[]): KubeObject | undefined {
  return quotas.find((q) => q.metadata.name === namespace) ?? quotas[0];
}

/** Form of a quota (`spec.hard`, every key kept, including ones the form has no field for). */
export function quotaForm(rq: KubeObject | undefined): QuotaForm {
  return { ...(((rq?.spec as Any | undefined)?.hard as Record<string, string> | undefined) ?? {}) };
}

/** i18n problem keys by field key (empty when valid). */
export function validateQuotaForm(f: QuotaForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of QUOTA_FIELDS) {
    const v = (f[field.key] ?? '').trim();
    if (!v) continue;
    if (field.unit === 'count' ? !/^\d+$/.test(v) : !isValidQuantity(v))
      out[field.key] = 'QUOTA_VALUE_INVALID';
  }
  const pairs: [string, string][] = [
    ['requests.cpu', 'limits.cpu'],
    ['requests.memory', 'limits.memory'],
  ];
  for (const [req, lim] of pairs) {
    if (out[req] || out[lim] || !f[req]?.trim() || !f[lim]?.trim()) continue;
    if (parseQuantity(f[req].trim()) > parseQuantity(f[lim].trim())) out[req] = 'REQUEST_EXCEEDS_LIMIT';
  }
  return out;
}

/**
 * The ResourceQuota to PUT (with `existing`) or POST. Keys the form blanked are removed; keys the form
 * does not know (set through YAML) are kept.
 */
export function quotaObject(namespace: string, f: QuotaForm, existing?: KubeObject): KubeObject {
  const hard: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v?.trim()) hard[k] = v.trim();
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: existing ? structuredClone(existing.metadata) : { name: namespace, namespace },
    spec: { ...((existing?.spec as Any | undefined) ?? {}), hard },
  };
}

/** A row of the quota card: used of hard (`-` hard = unlimited). */
export interface QuotaRow {
  key: string;
  label: string;
  used: string;
  hard: string;
  /** 0..1 when both are known. */
  ratio?: number;
}

/** Rows for every QUOTA_FIELD plus any other key the quota sets. */
export function quotaRows(rq: KubeObject | undefined): QuotaRow[] {
  const status = (rq?.status ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
  const hard = { ...quotaForm(rq), ...(status.hard ?? {}) };
  const used = status.used ?? {};
  const known = new Set(QUOTA_FIELDS.map((f) => f.key));
  const fields = [
    ...QUOTA_FIELDS,
    ...Object.keys(hard)
      .filter((k) => !known.has(k))
      .sort()
      .map((k) => ({ key: k, label: k, unit: 'count' as const })),
  ];
  return fields.map((f) => {
    const h = hard[f.key];
    const u = used[f.key] ?? (h ? '0' : '-');
    let ratio: number | undefined;
    if (h && u !== '-') {
      const hv = parseQuantity(h);
      ratio = hv > 0 ? Math.min(1, parseQuantity(u) / hv) : 1;
    }
    return { key: f.key, label: f.label, used: u, hard: h ?? '-', ...(ratio !== undefined ? { ratio } : {}) };
  });
}

/** Default container resources (LimitRange `Container` item). */
export interface LimitsForm {
  limitsCpu: string;
  limitsMemory: string;
  requestsCpu: string;
  requestsMemory: string;
}

/** KubeSphere's project wizard defaults. */
export const DEFAULT_LIMITS: LimitsForm = {
  limitsCpu: '500m',
  limitsMemory: '500Mi',
  requestsCpu: '10m',
  requestsMemory: '10Mi',
};

export const LIMIT_RANGE_NAME = 'kubesphere-limitrange';

interface LimitItem {
  type: string;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  [k: string]: unknown;
}

const itemsOf = (lr: KubeObject | undefined): LimitItem[] =>
  ((lr?.spec as { limits?: LimitItem[] } | undefined)?.limits ?? []) as LimitItem[];

/** The project's LimitRange that has a Container item (the one the console edits). */
export function pickLimitRange(ranges: KubeObject[]): KubeObject | undefined {
  return ranges.find((r) => itemsOf(r).some((i) => i.type === 'Container')) ?? ranges[0];
}

/** Form of a LimitRange (empty strings for what is not set). */
export function limitsForm(lr: KubeObject | undefined): LimitsForm {
  const c = itemsOf(lr).find((i) => i.type === 'Container');
  return {
    limitsCpu: c?.default?.cpu ?? '',
    limitsMemory: c?.default?.memory ?? '',
    requestsCpu: c?.defaultRequest?.cpu ?? '',
    requestsMemory: c?.defaultRequest?.memory ?? '',
  };
}

/** i18n problem keys by form field. */
export function validateLimitsForm(f: LimitsForm): Partial<Record<keyof LimitsForm, string>> {
  const out: Partial<Record<keyof LimitsForm, string>> = {};
  for (const k of Object.keys(f) as (keyof LimitsForm)[]) {
    const v = f[k].trim();
    if (v && !isValidQuantity(v)) out[k] = 'QUOTA_VALUE_INVALID';
  }
  const check = (req: keyof LimitsForm, lim: keyof LimitsForm) => {
    if (out[req] || out[lim] || !f[req].trim() || !f[lim].trim()) return;
    if (parseQuantity(f[req].trim()) > parseQuantity(f[lim].trim())) out[req] = 'REQUEST_EXCEEDS_LIMIT';
  };
  check('requestsCpu', 'limitsCpu');
  check('requestsMemory', 'limitsMemory');
  return out;
}

/** The LimitRange to PUT (with `existing`) or POST; other items (Pod, PVC) and fields are kept. */
export function limitRangeObject(namespace: string, f: LimitsForm, existing?: KubeObject): KubeObject {
  const pick = (cpu: string, memory: string) => {
    const out: Record<string, string> = {};
    if (cpu.trim()) out.cpu = cpu.trim();
    if (memory.trim()) out.memory = memory.trim();
    return Object.keys(out).length ? out : undefined;
  };
  const items = itemsOf(existing).map((i) => structuredClone(i));
  let container = items.find((i) => i.type === 'Container');
  if (!container) {
    container = { type: 'Container' };
    items.push(container);
  }
  const def = pick(f.limitsCpu, f.limitsMemory);
  const req = pick(f.requestsCpu, f.requestsMemory);
  if (def) container.default = def;
  else delete container.default;
  if (req) container.defaultRequest = req;
  else delete container.defaultRequest;
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: existing ? structuredClone(existing.metadata) : { name: LIMIT_RANGE_NAME, namespace },
    spec: { ...((existing?.spec as Any | undefined) ?? {}), limits: items },
  };
}
