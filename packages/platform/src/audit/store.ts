/**
 * @module audit/store
 * Keeps audit events in the cluster so every replica can answer audit queries for all of them: events are
 * buffered briefly and written in chunks as ConfigMaps in `kubesphere-system` (label `sphere.io/audit`),
 * newest chunks kept up to a bound. A query lists the chunks (one request) and adds the events not yet
 * flushed by this replica.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '@sphere/shared';
import { PLATFORM_NAMESPACE } from '../auth/tokens';
import type { KubeClient } from '../kube/client';
import type { AuditEvent } from './audit';

const LABEL = 'sphere.io/audit';
const PATH = `/api/v1/namespaces/${PLATFORM_NAMESPACE}/configmaps`;

interface Chunk extends KubeObject {
  data?: { events?: string };
}

export class ClusterAuditStore {
  private buffer: AuditEvent[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: KubeClient,
    private readonly log: (line: string) => void,
    private readonly flushMs = 1000,
    private readonly maxChunks = 500,
  ) {}

  add(ev: AuditEvent): void {
    this.buffer.push(ev);
    if (this.buffer.length >= 500) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes the buffered events as one chunk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.buffer;
    if (events.length === 0) return this.flushing;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      const name = `audit-${events[0].time.replace(/[^0-9]/g, '').slice(0, 17)}-${randomBytes(3).toString('hex')}`;
      try {
        await this.client.request('POST', PATH, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: PLATFORM_NAMESPACE, labels: { [LABEL]: 'true' } },
          data: { events: events.map((e) => JSON.stringify(e)).join('\n') },
        });
        await this.prune();
      } catch (err) {
        this.log(`audit: could not store ${events.length} events: ${(err as Error).message}`);
      }
    });
    return this.flushing;
  }

  /** Every stored event plus this replica's unflushed ones. */
  async all(): Promise<AuditEvent[]> {
    const list = await this.client.request<{ items: Chunk[] }>(
      'GET',
      `${PATH}?labelSelector=${encodeURIComponent(`${LABEL}=true`)}`,
    );
    const out: AuditEvent[] = [];
    for (const chunk of list.items) {
      for (const line of (chunk.data?.events ?? '').split('\n')) {
        if (!line) continue;
        try {
          out.push(JSON.parse(line) as AuditEvent);
        } catch {
          // a damaged line: skip it
        }
      }
    }
    out.push(...this.buffer);
    return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  }

  private pruneCounter = 0;

  private async prune(): Promise<void> {
    if (++this.pruneCounter % 20 !== 0) return;
    const list = await this.client.request<{ items: Chunk[] }>(
      'GET',
      `${PATH}?labelSelector=${encodeURIComponent(`${LABEL}=true`)}`,
    );
    const names = list.items.map((c) => c.metadata.name!).sort();
    for (const name of names.slice(0, Math.max(0, names.length - this.maxChunks))) {
      await this.client.request('DELETE', `${PATH}/${name}`).catch(() => undefined);
    }
  }

  stop(): Promise<void> {
    return this.flush();
  }
}
