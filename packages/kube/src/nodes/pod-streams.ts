/**
 * @module nodes/pod-streams
 * The simulated kubelet's streaming endpoints behind the API server: pods/log (follow, tailLines,
 * timestamps, previous, sinceSeconds/sinceTime, limitBytes, container selection) and pods/exec over the
 * WebSocket channel protocol (v5/v4.channel.k8s.io). attach and portforward answer a clear 400.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, StatusError, type KubeObject } from '@sphere/shared';
import type { PodStreamHandler } from '../api/resource-handler';
import type { KubeClient } from '../client/in-process';
import type { Clock } from '../controllers/runtime/clock';
import { serveExec } from './exec-stream';
import { containerLog, LOG_PERIOD_SECONDS, type LogLine } from './pod-logs';
import { containersOf, specOf, statusOf, type ContainerSpec, type ContainerStatus } from './pod-view';
import type { SimulationSpeed } from './stages';
import type { UsageModel } from './usage';

export interface PodStreamOptions {
  clock: Clock;
  client: KubeClient;
  usage: UsageModel;
  speed: SimulationSpeed;
}

/** Resolves `?container=` the way the kubelet does (a single container may be implied). */
export function pickContainer(pod: KubeObject, requested: string | null): ContainerSpec {
  const containers = containersOf(pod);
  const init = specOf(pod).initContainers ?? [];
  const name = pod.metadata.name ?? '';
  if (!requested) {
    if (containers.length === 1) return containers[0];
    const names = containers.map((c) => c.name).join(' ');
    const initNames = init.map((c) => c.name).join(' ');
    throw errors.badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${names}]${initNames ? ` or one of the init containers: [${initNames}]` : ''}`,
    );
  }
  const found = [...containers, ...init].find((c) => c.name === requested);
  if (!found) throw errors.badRequest(`container ${requested} is not valid for pod ${name}`);
  return found;
}

function waitingMessage(
  pod: KubeObject,
  c: ContainerSpec,
  status: ContainerStatus | undefined,
): string | undefined {
  const podName = pod.metadata.name ?? '';
  if (!specOf(pod).nodeName) return `pod ${podName} does not have a host assigned`;
  const reason = status?.state.waiting?.reason as string | undefined;
  if (!status || (reason && status.restartCount === 0 && !status.lastState.terminated)) {
    const why =
      reason === 'ErrImagePull' || reason === 'ImagePullBackOff'
        ? 'trying and failing to pull image'
        : (reason ?? 'ContainerCreating');
    return `container "${c.name}" in pod "${podName}" is waiting to start: ${why}`;
  }
  return undefined;
}

/** The lines of the requested container run (current or previous). */
export function logLines(pod: KubeObject, c: ContainerSpec, previous: boolean, now: Date): LogLine[] {
  const status = statusOf(pod).containerStatuses?.find((s) => s.name === c.name);
  const podName = pod.metadata.name ?? '';
  if (previous) {
    const term = status?.lastState.terminated as { startedAt?: string; finishedAt?: string } | undefined;
    if (!status || !term)
      throw errors.badRequest(`previous terminated container "${c.name}" in pod "${podName}" not found`);
    return containerLog(
      pod,
      c,
      status.restartCount - 1,
      new Date(term.startedAt ?? now),
      new Date(term.finishedAt ?? now),
    );
  }
  const waiting = waitingMessage(pod, c, status);
  if (waiting) throw errors.badRequest(waiting);
  const state = status?.state ?? {};
  const run = (state.running ?? state.terminated) as { startedAt?: string; finishedAt?: string } | undefined;
  if (!run) {
    // Waiting after a crash: the kubelet serves the last run's log.
    const term = status?.lastState.terminated as { startedAt?: string; finishedAt?: string } | undefined;
    if (!term || !status) return [];
    return containerLog(
      pod,
      c,
      status.restartCount - 1,
      new Date(term.startedAt ?? now),
      new Date(term.finishedAt ?? now),
    );
  }
  const init = (specOf(pod).initContainers ?? []).some((i) => i.name === c.name);
  const start = new Date(run.startedAt ?? statusOf(pod).startTime ?? now);
  const end = run.finishedAt ? new Date(run.finishedAt) : now;
  return containerLog(pod, c, init ? 0 : (status?.restartCount ?? 0), start, end);
}

const stamp = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw errors.badRequest(`${name}: Invalid value: "${v}": must be a non-negative integer`);
  return n;
}

async function serveLog(
  o: PodStreamOptions,
  req: IncomingMessage,
  res: ServerResponse,
  pod: KubeObject,
  query: URLSearchParams,
) {
  const c = pickContainer(pod, query.get('container'));
  const previous = query.get('previous') === 'true';
  const timestamps = query.get('timestamps') === 'true';
  const follow = query.get('follow') === 'true';
  const tail = intParam(query, 'tailLines');
  const limit = intParam(query, 'limitBytes');
  const sinceSeconds = intParam(query, 'sinceSeconds');
  const sinceTime = query.get('sinceTime');
  const now = o.clock.now();
  let lines = logLines(pod, c, previous, now);
  const since =
    sinceSeconds !== undefined
      ? now.getTime() - sinceSeconds * 1000
      : sinceTime
        ? new Date(sinceTime).getTime()
        : undefined;
  if (since !== undefined) lines = lines.filter((l) => l.at.getTime() >= since);
  if (tail !== undefined) lines = tail === 0 ? [] : lines.slice(-tail);
  let budget = limit ?? Infinity;
  const format = (l: LogLine) => `${timestamps ? `${stamp(l.at)} ` : ''}${l.text}\n`;
  const write = (text: string): boolean => {
    if (budget <= 0) return false;
    const chunk = Buffer.from(text);
    const part = chunk.length > budget ? chunk.subarray(0, budget) : chunk;
    budget -= part.length;
    res.write(part);
    return budget > 0;
  };
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  for (const l of lines) if (!write(format(l))) break;
  const isRunning = !!statusOf(pod).containerStatuses?.find((s) => s.name === c.name)?.state.running;
  if (!follow || previous || !isRunning || budget <= 0) {
    res.end();
    return;
  }
  // Follow: emit the container's next lines as (clock) time passes, until the client goes away.
  let last = lines.length ? lines[lines.length - 1].at.getTime() : now.getTime();
  let cancel: (() => void) | undefined;
  const tick = () => {
    const t = o.clock.now();
    const fresh = logLines(pod, c, false, t).filter((l) => l.at.getTime() > last);
    for (const l of fresh) {
      last = l.at.getTime();
      if (!write(format(l))) {
        res.end();
        return;
      }
    }
    cancel = o.clock.setTimeout(tick, (o.speed === 'fast' ? 0.05 : 1) * LOG_PERIOD_SECONDS * 1000);
  };
  cancel = o.clock.setTimeout(tick, 1000);
  req.on('close', () => cancel?.());
  res.on('close', () => cancel?.());
}

/** Builds the PodStreamHandler the API server plugs in for pods/log, exec, attach and portforward. */
export function createPodStreamHandler(o: PodStreamOptions): PodStreamHandler {
  return {
    async handle({ req, res, target, query, pod }) {
      switch (target.subresource) {
        case 'log':
          return serveLog(o, req, res, pod, query);
        case 'exec':
          return serveExec({ req, res, pod, query, client: o.client, clock: o.clock });
        case 'attach':
          throw errors.badRequest(
            `attach is not supported by simulated containers (pod "${pod.metadata.name}"); use kubectl exec or kubectl logs -f`,
          );
        case 'portforward':
          throw errors.badRequest(
            `port forwarding is not supported by simulated nodes (pod "${pod.metadata.name}")`,
          );
        default:
          throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
      }
    },
  };
}
