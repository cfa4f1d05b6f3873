/**
 * @module monitoring/alerting/manager
 * Keeps alert policies and alert messages, evaluates every enabled policy on each tick (an instant query of
 * its metric through the same engine the API uses), and POSTs a JSON notification to the policy's webhook
 * when an alert fires or resolves. Policies and the message history persist in one JSON file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseGoDuration } from '../api/params';
import { formatValue } from '../api/respond';
import { LEVEL_LABELS } from '../query/catalog';
import { Evaluation, type Enricher } from '../query/engine';
import type { Labels, MetricsSource } from '../query/types';
import { holds, levelOfMetric, nextState, type AlertPolicy, type ResourceState } from './policy';

export interface AlertMessage {
  id: string;
  policy: string;
  namespace?: string;
  severity: AlertPolicy['severity'];
  metric: string;
  labels: Labels;
  value: string;
  condition: string;
  threshold: number;
  state: 'firing' | 'resolved';
  startsAt: string;
  endsAt?: string;
  description?: string;
}

/** Where a policy stands after its latest evaluation (not persisted: a restart starts inactive). */
export interface PolicyStatus {
  /** `firing` when any watched resource fires, `pending` when any waits out the duration. */
  state: 'firing' | 'pending' | 'inactive' | 'disabled';
  /** Resources firing now. */
  firing: number;
  lastEvaluatedAt?: string;
  /** Why the latest evaluation failed, if it did. */
  error?: string;
}

export interface AlertManagerOptions {
  source: MetricsSource;
  enrich: Enricher;
  now: () => number;
  log: (line: string) => void;
  file?: string;
  post?: (url: string, body: unknown) => Promise<number>;
  /** Messages kept (oldest resolved first out; default 1000). */
  maxMessages?: number;
}

const policyKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

async function defaultPost(url: string, body: unknown): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return res.status;
}

export class AlertManager {
  private readonly policies = new Map<string, AlertPolicy>();
  private readonly states = new Map<string, Map<string, ResourceState & { messageId: string }>>();
  private readonly evaluated = new Map<string, { at: number; error?: string }>();
  private messages: AlertMessage[] = [];
  private seq = 0;
  private evaluating?: Promise<void>;
  /** Webhook deliveries in flight (tests await them). */
  readonly deliveries: Promise<void>[] = [];

  constructor(private readonly o: AlertManagerOptions) {
    if (o.file && fs.existsSync(o.file)) {
      try {
        const saved = JSON.parse(fs.readFileSync(o.file, 'utf8')) as {
          policies: AlertPolicy[];
          messages: AlertMessage[];
        };
        for (const p of saved.policies ?? []) this.policies.set(policyKey(p.namespace, p.name), p);
        this.messages = saved.messages ?? [];
        this.seq = this.messages.length;
      } catch (err) {
        o.log(`alerting: cannot read ${o.file}: ${String(err)}`);
      }
    }
  }

  /** Policies of one project, or the cluster's own (no namespace) when `namespace` is undefined. */
  list(namespace?: string): AlertPolicy[] {
    return [...this.policies.values()].filter((p) => p.namespace === namespace);
  }

  get(namespace: string | undefined, name: string): AlertPolicy | undefined {
    return this.policies.get(policyKey(namespace, name));
  }

  /**
   * Creates or replaces a policy. A change of threshold, condition, duration, severity or text keeps the
   * watched resources' states, so the next evaluation resolves what no longer holds; a change of what is
   * watched (metric, target) or disabling resolves every firing alert now and starts over.
   */
  put(p: AlertPolicy): AlertPolicy {
    const key = policyKey(p.namespace, p.name);
    const old = this.policies.get(key);
    const stored = { ...p, createdAt: old?.createdAt ?? new Date(this.o.now()).toISOString() };
    this.policies.set(key, stored);
    const sameTarget =
      old !== undefined &&
      old.metric === p.metric &&
      JSON.stringify(old.match ?? {}) === JSON.stringify(p.match ?? {});
    if (!sameTarget || p.disabled) this.retire(key, old ?? p);
    this.save();
    return stored;
  }

  delete(namespace: string | undefined, name: string): boolean {
    const key = policyKey(namespace, name);
    const old = this.policies.get(key);
    if (!old) return false;
    this.retire(key, old);
    this.policies.delete(key);
    this.save();
    return true;
  }

  /** Resolves the policy's firing alerts (it was deleted, disabled or now watches something else). */
  private retire(key: string, p: AlertPolicy): void {
    const now = this.o.now();
    for (const s of this.states.get(key)?.values() ?? [])
      if (s.state === 'firing') this.resolve(p, s.messageId, NaN, now);
    this.states.delete(key);
    this.evaluated.delete(key);
  }

  /** The policy's state after its latest evaluation. */
  status(p: AlertPolicy): PolicyStatus {
    const key = policyKey(p.namespace, p.name);
    const ev = this.evaluated.get(key);
    const states = [...(this.states.get(key)?.values() ?? [])];
    const firing = states.filter((s) => s.state === 'firing').length;
    return {
      state: p.disabled ? 'disabled' : firing ? 'firing' : states.length ? 'pending' : 'inactive',
      firing,
      ...(ev ? { lastEvaluatedAt: new Date(ev.at).toISOString() } : {}),
      ...(ev?.error ? { error: ev.error } : {}),
    };
  }

  /** Alert messages, newest first; `namespace` narrows to one project's policies. */
  alerts(filter: { namespace?: string; state?: string; policy?: string } = {}): AlertMessage[] {
    return this.messages
      .filter(
        (m) =>
          (filter.namespace === undefined || m.namespace === filter.namespace) &&
          (!filter.state || m.state === filter.state) &&
          (!filter.policy || m.policy === filter.policy),
      )
      .slice()
      .reverse();
  }

  /** Evaluates every policy once (overlapping calls share one evaluation). */
  evaluate(): Promise<void> {
    this.evaluating ??= this.evaluateAll().finally(() => (this.evaluating = undefined));
    return this.evaluating;
  }

  private async evaluateAll(): Promise<void> {
    const now = this.o.now();
    const grid = { start: Math.floor(now / 1000) * 1000, step: 1, count: 1 };
    const ev = new Evaluation(this.o.source, grid, this.o.enrich);
    let changed = false;
    for (const [key, p] of this.policies) {
      if (p.disabled) continue;
      const level = levelOfMetric(p.metric);
      let series;
      try {
        series = await ev.metric(p.metric, {
          level,
          eq: { ...(p.match ?? {}), ...(p.namespace ? { namespace: p.namespace } : {}) },
        });
      } catch (err) {
        this.o.log(`alerting: policy ${key}: ${String(err)}`);
        this.evaluated.set(key, { at: now, error: String(err) });
        continue;
      }
      if (this.policies.get(key) !== p) continue; // replaced or deleted while its query ran
      const prev = this.states.get(key) ?? new Map();
      const next = new Map<string, ResourceState & { messageId: string }>();
      const durationMs = p.duration === '0s' ? 0 : (parseGoDuration(p.duration) ?? 0);
      const seen = new Set<string>();
      for (const s of series ?? []) {
        const v = s.values[0];
        const rk = LEVEL_LABELS[level].map((l) => s.labels[l] ?? '').join('/');
        seen.add(rk);
        const old = prev.get(rk);
        const r = nextState(old, !Number.isNaN(v) && holds(p.condition, v, p.threshold), now, durationMs);
        if (r.event === 'firing') {
          const msg = this.record(p, s.labels, v, now);
          next.set(rk, { ...r.state!, messageId: msg.id });
          changed = true;
        } else if (r.state) next.set(rk, { ...r.state, messageId: old?.messageId ?? '' });
        if (r.event === 'resolved' && old) {
          this.resolve(p, old.messageId, v, now);
          changed = true;
        }
      }
      for (const [rk, old] of prev) {
        if (seen.has(rk) || old.state !== 'firing') continue;
        this.resolve(p, old.messageId, NaN, now); // the resource is gone
        changed = true;
      }
      this.states.set(key, next);
      this.evaluated.set(key, { at: now });
    }
    if (changed) this.save();
  }

  private record(p: AlertPolicy, labels: Labels, v: number, now: number): AlertMessage {
    const msg: AlertMessage = {
      id: `${now.toString(36)}-${(++this.seq).toString(36)}`,
      policy: p.name,
      ...(p.namespace ? { namespace: p.namespace } : {}),
      severity: p.severity,
      metric: p.metric,
      labels,
      value: formatValue(v),
      condition: p.condition,
      threshold: p.threshold,
      state: 'firing',
      startsAt: new Date(now).toISOString(),
      ...(p.description ? { description: p.description } : {}),
    };
    this.messages.push(msg);
    const max = this.o.maxMessages ?? 1000;
    if (this.messages.length > max) this.messages.splice(0, this.messages.length - max);
    this.notify(p, msg);
    return msg;
  }

  private resolve(p: AlertPolicy, id: string, v: number, now: number): void {
    const msg = this.messages.find((m) => m.id === id);
    if (!msg || msg.state === 'resolved') return;
    msg.state = 'resolved';
    msg.endsAt = new Date(now).toISOString();
    if (!Number.isNaN(v)) msg.value = formatValue(v);
    this.notify(p, msg);
  }

  /** Alertmanager-style webhook body, so existing receivers understand it. */
  private notify(p: AlertPolicy, msg: AlertMessage): void {
    if (!p.webhook) return;
    const body = {
      version: '4',
      receiver: p.name,
      status: msg.state,
      alerts: [
        {
          status: msg.state,
          labels: { alertname: p.name, severity: p.severity, metric: p.metric, ...msg.labels },
          annotations: {
            ...(p.description ? { description: p.description } : {}),
            value: msg.value,
            condition: `${p.metric} ${p.condition} ${p.threshold}`,
          },
          startsAt: msg.startsAt,
          endsAt: msg.endsAt ?? '0001-01-01T00:00:00Z',
        },
      ],
    };
    const post = this.o.post ?? defaultPost;
    const d = post(p.webhook, body).then(
      (status) => {
        if (status >= 300) this.o.log(`alerting: webhook ${p.webhook} answered ${status}`);
      },
      (err: unknown) => this.o.log(`alerting: webhook ${p.webhook} failed: ${String(err)}`),
    );
    this.deliveries.push(d);
    void d.finally(() => this.deliveries.splice(this.deliveries.indexOf(d), 1));
  }

  private save(): void {
    if (!this.o.file) return;
    fs.mkdirSync(path.dirname(this.o.file), { recursive: true });
    const tmp = `${this.o.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ policies: [...this.policies.values()], messages: this.messages }));
    fs.renameSync(tmp, this.o.file);
  }

  close(): void {
    this.save();
  }
}
