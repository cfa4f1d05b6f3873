/**
 * @module audit-model
 * The audit trail as the platform returns it (`GET .../auditing/events`) and the Audit Log page's
 * filters: URL query ⇄ filter state ⇄ API query (pure; tested in audit-model.test.ts).
 */
import type { AuditEvent } from '@sphere/shared';

export type { AuditEvent } from '@sphere/shared';

export interface AuditFilters {
  user?: string;
  verb?: string;
  resource?: string;
  name?: string;
  namespace?: string;
  workspace?: string;
  outcome?: string;
  /** `403` or a class such as `4xx`. */
  code?: string;
  /** Local date-times as `<input type="datetime-local">` gives them (`2026-01-02T03:04`). */
  from?: string;
  to?: string;
  page: number;
  limit: number;
}

export const FILTER_KEYS = [
  'user',
  'verb',
  'resource',
  'name',
  'namespace',
  'workspace',
  'outcome',
  'code',
  'from',
  'to',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const OUTCOMES = ['success', 'denied', 'failure'];

/** Filters from the URL query (unknown keys ignored, bad numbers → defaults). */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const out: AuditFilters = { page: 1, limit: 20 };
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) out[k] = v;
  }
  const page = Number(params.get('page'));
  const limit = Number(params.get('limit'));
  if (Number.isInteger(page) && page > 0) out.page = page;
  if (Number.isInteger(limit) && limit > 0 && limit <= 1000) out.limit = limit;
  return out;
}

/** URL query of the filters (defaults omitted). */
export function formatAuditFilters(f: AuditFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k]!);
  if (f.page !== 1) p.set('page', String(f.page));
  if (f.limit !== 20) p.set('limit', String(f.limit));
  return p;
}

/** A status-code filter the platform accepts: `403` or `4xx`. */
export function validCode(code: string): boolean {
  return /^[1-5](\d\d|xx)$/i.test(code);
}

/** A local date-time as an ISO instant (undefined when empty or unparsable). */
export function localToIso(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The API query: `since`/`until` as ISO instants, an invalid code dropped. */
export function toAuditQuery(f: AuditFilters): Record<string, string | number | undefined> {
  return {
    user: f.user,
    verb: f.verb,
    resource: f.resource,
    name: f.name,
    namespace: f.namespace,
    workspace: f.workspace,
    outcome: f.outcome,
    code: f.code && validCode(f.code) ? f.code.toLowerCase() : undefined,
    since: localToIso(f.from),
    until: localToIso(f.to),
    page: f.page,
    limit: f.limit,
  };
}

/** `apps/deployments/scale` style label of an event's resource. */
export function resourceLabel(e: Pick<AuditEvent, 'apiGroup' | 'resource' | 'subresource'>): string {
  return [e.apiGroup, e.resource, e.subresource].filter(Boolean).join('/') || '-';
}

/** Tag colour of a status code. */
export function codeColor(code: number): string {
  if (code >= 500) return 'red';
  if (code === 401 || code === 403) return 'orange';
  if (code >= 400) return 'gold';
  return 'green';
}
