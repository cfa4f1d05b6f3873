/**
 * @module api/query
 * Query parameters of resource requests, validated as kube-apiserver does.
 */
import { errors } from '@sphere/shared';
import type { DeleteOptions, ListQuery, WatchQuery, WriteOptions } from '../pipeline/types';

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw errors.badRequest(`invalid value for ${name}: ${v}`);
  return n;
}

function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw errors.badRequest(`invalid value for ${name}: ${v}`);
}

export function listQuery(q: URLSearchParams): ListQuery {
  const match = q.get('resourceVersionMatch') ?? undefined;
  return {
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    limit: intParam(q, 'limit'),
    continue: q.get('continue') || undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: (match || undefined) as ListQuery['resourceVersionMatch'],
  };
}

export function isWatch(q: URLSearchParams): boolean {
  return boolParam(q, 'watch') === true;
}

export function watchQuery(q: URLSearchParams): WatchQuery {
  return {
    ...listQuery(q),
    allowWatchBookmarks: boolParam(q, 'allowWatchBookmarks'),
    timeoutSeconds: intParam(q, 'timeoutSeconds'),
    sendInitialEvents: boolParam(q, 'sendInitialEvents'),
  };
}

function dryRunParam(values: string[]): boolean {
  for (const v of values) {
    if (v !== 'All') throw errors.badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  }
  return values.length > 0;
}

export function writeOptions(q: URLSearchParams): WriteOptions {
  const validation = q.get('fieldValidation');
  if (validation !== null && !['Strict', 'Warn', 'Ignore'].includes(validation)) {
    throw errors.badRequest(
      `fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  return {
    dryRun: dryRunParam(q.getAll('dryRun')),
    fieldManager: q.get('fieldManager') ?? undefined,
    fieldValidation: (validation ?? 'Warn') as WriteOptions['fieldValidation'],
    force: boolParam(q, 'force'),
  };
}

/** DeleteOptions from the body (if any) overlaid with query parameters. */
export function deleteOptions(q: URLSearchParams, body: unknown): DeleteOptions {
  const fromBody = (body && typeof body === 'object' ? body : {}) as DeleteOptions & { dryRun?: unknown };
  const options: DeleteOptions = {
    gracePeriodSeconds: fromBody.gracePeriodSeconds,
    propagationPolicy: fromBody.propagationPolicy,
    orphanDependents: fromBody.orphanDependents,
    preconditions: fromBody.preconditions,
    dryRun: Array.isArray(fromBody.dryRun) ? dryRunParam(fromBody.dryRun as string[]) : undefined,
  };
  const grace = intParam(q, 'gracePeriodSeconds');
  if (grace !== undefined) options.gracePeriodSeconds = grace;
  const policy = q.get('propagationPolicy');
  if (policy) options.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  const orphan = boolParam(q, 'orphanDependents');
  if (orphan !== undefined) options.orphanDependents = orphan;
  if (q.getAll('dryRun').length) options.dryRun = dryRunParam(q.getAll('dryRun'));
  return options;
}
