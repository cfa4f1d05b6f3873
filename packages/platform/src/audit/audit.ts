/**
 * @module audit/audit
 * Audit trail of every mutating request: who, what, when, outcome. Events go to an optional shared store
 * (the cluster, so every replica answers for all of them) and a bounded in-memory ring used when there is
 * no store. Queries return the newest first.
 */

import type { AuditEvent } from '@sphere/shared';

export type { AuditEvent } from '@sphere/shared';

export interface AuditQuery {
  user?: string;
  verb?: string;
  resource?: string;
  namespace?: string;
  workspace?: string;
  outcome?: string;
  /** HTTP status: exact (`403`) or a class (`4xx`). */
  code?: string;
  /** Substring of the object name. */
  name?: string;
  /** ISO instants, inclusive. */
  since?: string;
  until?: string;
  page?: number;
  limit?: number;
}

/** Where events are shared between replicas. */
export interface AuditStore {
  add(ev: AuditEvent): void;
  /** Every event, oldest first. */
  all(): Promise<AuditEvent[]>;
}

export class AuditLog {
  private readonly events: AuditEvent[] = [];

  constructor(
    private readonly capacity = 10_000,
    private readonly store?: AuditStore,
  ) {}

  record(ev: AuditEvent): void {
    if (this.store) {
      this.store.add(ev);
      return;
    }
    this.events.push(ev);
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
  }

  /** Matching events, newest first, paged (from the shared store when there is one). */
  async query(q: AuditQuery): Promise<{ items: AuditEvent[]; totalItems: number }> {
    return filterEvents(this.store ? await this.store.all() : this.events, q);
  }
}

/** Filters and pages events (oldest first in, newest first out). */
export function filterEvents(
  events: AuditEvent[],
  q: AuditQuery,
): { items: AuditEvent[]; totalItems: number } {
  const match = (e: AuditEvent) =>
    (!q.user || e.user === q.user) &&
    (!q.verb || e.verb === q.verb) &&
    (!q.resource || e.resource === q.resource) &&
    (!q.namespace || e.namespace === q.namespace) &&
    (!q.workspace || e.workspace === q.workspace) &&
    (!q.outcome || e.outcome === q.outcome) &&
    codeMatches(e.code, q.code) &&
    (!q.name || e.name.includes(q.name)) &&
    (!q.since || e.time >= q.since) &&
    (!q.until || e.time <= q.until);
  const all = events.filter(match).reverse();
  const limit = q.limit && q.limit > 0 ? q.limit : all.length || 1;
  const page = q.page && q.page > 0 ? q.page : 1;
  return { items: all.slice((page - 1) * limit, page * limit), totalItems: all.length };
}

/** `403` matches 403; `4xx` matches 400–499; empty matches everything. */
export function codeMatches(code: number, filter: string | undefined): boolean {
  if (!filter) return true;
  const cls = /^([1-5])xx$/i.exec(filter);
  if (cls) return Math.floor(code / 100) === Number(cls[1]);
  return String(code) === filter;
}
