/**
 * @module audit/audit
 * Audit trail of every mutating request: who, what, when, outcome. Kept in a bounded in-memory ring per
 * replica (newest first when queried) and also written to the log, so it survives in the process output.
 */

export interface AuditEvent {
  time: string;
  user: string;
  verb: string;
  method: string;
  path: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  workspace: string;
  name: string;
  code: number;
  outcome: 'success' | 'denied' | 'failure';
  sourceIP: string;
  userAgent: string;
}

export interface AuditQuery {
  user?: string;
  verb?: string;
  resource?: string;
  namespace?: string;
  workspace?: string;
  outcome?: string;
  /** ISO instants, inclusive. */
  since?: string;
  until?: string;
  page?: number;
  limit?: number;
}

export class AuditLog {
  private readonly events: AuditEvent[] = [];

  constructor(
    private readonly capacity = 10_000,
    private readonly sink: (line: string) => void = () => {},
  ) {}

  record(ev: AuditEvent): void {
    this.events.push(ev);
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
    this.sink(`audit ${JSON.stringify(ev)}`);
  }

  /** Matching events, newest first, paged. */
  query(q: AuditQuery): { items: AuditEvent[]; totalItems: number } {
    const match = (e: AuditEvent) =>
      (!q.user || e.user === q.user) &&
      (!q.verb || e.verb === q.verb) &&
      (!q.resource || e.resource === q.resource) &&
      (!q.namespace || e.namespace === q.namespace) &&
      (!q.workspace || e.workspace === q.workspace) &&
      (!q.outcome || e.outcome === q.outcome) &&
      (!q.since || e.time >= q.since) &&
      (!q.until || e.time <= q.until);
    const all = this.events.filter(match).reverse();
    const limit = q.limit && q.limit > 0 ? q.limit : all.length || 1;
    const page = q.page && q.page > 0 ? q.page : 1;
    return { items: all.slice((page - 1) * limit, page * limit), totalItems: all.length };
  }
}
