/**
 * @module nodes/probes
 * How a simulated probe turns out, declared by the pod itself (no code runs in a simulated container):
 * - annotation `sphere.io/simulate: liveness-fail` / `readiness-fail` (comma-separated list allowed):
 *   every liveness / readiness probe of the pod fails; removing the annotation makes them pass again;
 * - an exec probe whose command is `false`, `/bin/false` or `exit N` (N > 0) fails;
 * - an exec probe reading a file (`cat F`, `test -f F`, `[ -e F ]`, `ls F`) follows the container's own
 *   script: it passes once `touch F` (or `echo … > F`) ran and fails after `rm … F`, timed by the
 *   `sleep N`s before each step (the Kubernetes `liveness-exec` example); a file the script never
 *   mentions is assumed to come from the image, so that probe passes;
 * - an httpGet/tcpSocket/grpc probe on a named port the container does not declare, or on a port number
 *   when the container declares ports and none is that number, fails (connection refused);
 * - every other probe passes.
 * Times are seconds since the container started; probes tick at `initialDelaySeconds + k·periodSeconds`.
 */
import type { KubeObject } from '@sphere/shared';
import { simulatedBehaviours, type ContainerSpec, type Probe } from './pod-view';

export type ProbeKind = 'liveness' | 'readiness';

export interface ProbeTiming {
  initialDelay: number;
  period: number;
  failureThreshold: number;
  successThreshold: number;
}

/** The probe's timing with the API server's defaults (period 10 s, failure 3, success 1). */
export function probeTiming(probe: Probe): ProbeTiming {
  return {
    initialDelay: Math.max(0, probe.initialDelaySeconds ?? 0),
    period: Math.max(1, probe.periodSeconds ?? 10),
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
    successThreshold: Math.max(1, probe.successThreshold ?? 1),
  };
}

export const probeOf = (c: ContainerSpec, kind: ProbeKind): Probe | undefined =>
  kind === 'liveness' ? c.livenessProbe : c.readinessProbe;

const script = (c: ContainerSpec) => [...(c.command ?? []), ...(c.args ?? [])].join(' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** When, in the container's script, `file` exists: [created, removed) in seconds (undefined: unknown). */
function fileLifetime(c: ContainerSpec, file: string): [number, number] | undefined {
  const text = script(c);
  if (!text.includes(file)) return undefined;
  let t = 0;
  let created: number | undefined;
  let removed = Infinity;
  const f = escape(file);
  const touch = new RegExp(`(^|\\s)touch\\s.*${f}(\\s|$)|>>?\\s*${f}(\\s|$)`);
  const rm = new RegExp(`(^|\\s)rm\\s.*${f}(\\s|$)`);
  for (const step of text.split(/;|&&|\n/).map((s) => s.trim())) {
    const sleep = /(?:^|\s)sleep\s+(\d+(?:\.\d+)?)/.exec(step);
    if (sleep) t += Number(sleep[1]);
    else if (touch.test(step) && created === undefined) created = t;
    else if (rm.test(step) && created !== undefined && removed === Infinity) removed = t;
  }
  return created === undefined ? [Infinity, Infinity] : [created, removed];
}

/** When a probe passes: from `passesFrom` until `failsFrom` (seconds after the container started). */
export interface ProbeOutcome {
  passesFrom: number;
  failsFrom?: number;
}

const PASSES: ProbeOutcome = { passesFrom: 0 };
const FAILS: ProbeOutcome = { passesFrom: Infinity, failsFrom: 0 };

function execOutcome(c: ContainerSpec, command: string[]): ProbeOutcome {
  const text = command.join(' ').trim();
  if (/^(\/(usr\/)?bin\/)?false$/.test(text) || /(^|[\s;&'"])exit\s+[1-9]\d*/.test(text)) return FAILS;
  const read = /(?:^|[\s;&'"])(?:cat|ls|test\s+-[efs]|\[\s+-[efs])\s+(\/[^\s;'"\]]+)/.exec(text);
  const life = read && fileLifetime(c, read[1]);
  if (!life) return PASSES;
  if (life[0] === Infinity) return FAILS;
  return { passesFrom: life[0], ...(life[1] === Infinity ? {} : { failsFrom: life[1] }) };
}

function portMissing(c: ContainerSpec, port: number | string | undefined): boolean {
  if (port === undefined) return false;
  const ports = c.ports ?? [];
  if (typeof port === 'string' && !/^\d+$/.test(port)) return !ports.some((p) => p.name === port);
  return ports.length > 0 && !ports.some((p) => p.containerPort === Number(port));
}

/** How the container's `kind` probe turns out; undefined when it has no such probe. */
export function probeOutcome(pod: KubeObject, c: ContainerSpec, kind: ProbeKind): ProbeOutcome | undefined {
  const probe = probeOf(c, kind);
  if (!probe) return undefined;
  if (simulatedBehaviours(pod).includes(`${kind}-fail`)) return FAILS;
  if (probe.exec?.command) return execOutcome(c, probe.exec.command);
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  return portMissing(c, port) ? FAILS : PASSES;
}

/** Whether the container's `kind` probe fails at some point (undefined failsFrom means never). */
export const probeEventuallyFails = (pod: KubeObject, c: ContainerSpec, kind: ProbeKind): boolean =>
  probeOutcome(pod, c, kind)?.failsFrom !== undefined;

/** Whether the probe fails at `elapsed` seconds after the container started. */
export function probeFailing(pod: KubeObject, c: ContainerSpec, kind: ProbeKind, elapsed: number): boolean {
  const o = probeOutcome(pod, c, kind);
  return !!o && (elapsed < o.passesFrom || (o.failsFrom !== undefined && elapsed >= o.failsFrom));
}

/** The first probe tick at or after `t` seconds. */
function tickAtOrAfter(timing: ProbeTiming, t: number): number {
  if (t <= timing.initialDelay) return timing.initialDelay;
  return timing.initialDelay + Math.ceil((t - timing.initialDelay) / timing.period) * timing.period;
}

/**
 * Seconds after the container's start at which the kubelet acts on a failing probe: the
 * `failureThreshold`-th consecutive failing tick at or after both the failure and `elapsed`.
 */
export function probeFailureAt(
  pod: KubeObject,
  c: ContainerSpec,
  kind: ProbeKind,
  elapsed: number,
): number | undefined {
  const probe = probeOf(c, kind);
  const from = probe && probeOutcome(pod, c, kind)?.failsFrom;
  if (!probe || from === undefined) return undefined;
  const timing = probeTiming(probe);
  // Counting from the next tick strictly after now once failing (a tick just acted on is past).
  const start = elapsed > from ? elapsed + 1e-6 : from;
  return tickAtOrAfter(timing, start) + (timing.failureThreshold - 1) * timing.period;
}

/**
 * Seconds after the container's start at which its probe has passed `successThreshold` times in a row,
 * counting from `elapsed`; undefined when it fails before that (or never passes).
 */
export function probeSuccessAt(
  pod: KubeObject,
  c: ContainerSpec,
  kind: ProbeKind,
  elapsed: number,
): number | undefined {
  const probe = probeOf(c, kind);
  const o = probeOutcome(pod, c, kind);
  if (!probe || !o) return elapsed;
  const timing = probeTiming(probe);
  const at =
    tickAtOrAfter(timing, Math.max(elapsed, o.passesFrom)) + (timing.successThreshold - 1) * timing.period;
  return at === Infinity || (o.failsFrom !== undefined && at >= o.failsFrom) ? undefined : at;
}

/** The kubelet's probe result text (what follows `Liveness probe failed: ` in the event). */
export function probeFailureMessage(c: ContainerSpec, kind: ProbeKind, podIP: string): string {
  const probe = probeOf(c, kind) ?? {};
  if (probe.httpGet) {
    const port = resolvePort(c, probe.httpGet.port);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = probe.httpGet.host ?? podIP;
    return !portMissing(c, probe.httpGet.port)
      ? 'HTTP probe failed with statuscode: 500'
      : `Get "${scheme}://${host}:${port}${probe.httpGet.path ?? '/'}": dial tcp ${host}:${port}: connect: connection refused`;
  }
  if (probe.tcpSocket) {
    const port = resolvePort(c, probe.tcpSocket.port);
    return `dial tcp ${probe.tcpSocket.host ?? podIP}:${port}: connect: connection refused`;
  }
  if (probe.grpc) return `timeout: failed to connect service ":${probe.grpc.port}" within 1s`;
  const read = /(?:cat|ls|test\s+-[efs]|\[\s+-[efs])\s+(\/[^\s;'"\]]+)/.exec(
    (probe.exec?.command ?? []).join(' '),
  );
  return read ? `cat: can't open '${read[1]}': No such file or directory` : '';
}

function resolvePort(c: ContainerSpec, port: number | string | undefined): string {
  if (typeof port === 'string' && !/^\d+$/.test(port))
    return String(c.ports?.find((p) => p.name === port)?.containerPort ?? port);
  return String(port ?? 80);
}
