/**
 * @module registry/core/pod-table
 * The `kubectl get pods` row: READY, STATUS (the printer's reason algorithm: init containers, waiting and
 * terminated reasons, Completed-but-running, Terminating), RESTARTS with "(5m ago)", and the wide columns.
 */
import { ageOf, type KubeObject } from '@sphere/shared';
import type { TableCell, TableSpec } from '../types';
import { isObj, objects, str, type Obj } from '../validation';
import { ageColumn, column, nameColumn, specOf, statusOf } from './support';

interface Restarts {
  count: number;
  last: number;
}

function conditionTrue(status: Obj, type: string): boolean {
  return objects(status.conditions).some((c) => c.type === type && c.status === 'True');
}

function isRestartable(container: Obj | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function noteRestart(acc: Restarts, cs: Obj): void {
  acc.count += typeof cs.restartCount === 'number' ? cs.restartCount : 0;
  const finished = str(get(cs, 'lastState', 'terminated', 'finishedAt'));
  const t = finished ? Date.parse(finished) : Number.NaN;
  if (!Number.isNaN(t) && t > acc.last) acc.last = t;
}

function get(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const key of path) cur = isObj(cur) ? cur[key] : undefined;
  return cur;
}

function terminatedReason(terminated: Obj, prefix: string): string {
  if (str(terminated.reason)) return `${prefix}${str(terminated.reason)}`;
  const signal = typeof terminated.signal === 'number' ? terminated.signal : 0;
  const code = typeof terminated.exitCode === 'number' ? terminated.exitCode : 0;
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${code}`;
}

/** READY, STATUS and RESTARTS of a pod as kubectl prints them. */
export function podSummary(pod: KubeObject, now: Date): { ready: string; reason: string; restarts: string } {
  const spec = specOf(pod);
  const status = statusOf(pod);
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  if (objects(status.conditions).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }
  const initSpecs = new Map(objects(spec.initContainers).map((c) => [str(c.name), c]));
  let total = objects(spec.containers).length + [...initSpecs.values()].filter(isRestartable).length;
  let ready = 0;
  const all: Restarts = { count: 0, last: 0 };
  const sidecars: Restarts = { count: 0, last: 0 };

  let initializing = false;
  const initStatuses = objects(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const restartable = isRestartable(initSpecs.get(str(cs.name)));
    noteRestart(all, cs);
    if (restartable) noteRestart(sidecars, cs);
    const state = isObj(cs.state) ? cs.state : {};
    const terminated = isObj(state.terminated) ? state.terminated : undefined;
    const waiting = isObj(state.waiting) ? state.waiting : undefined;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready === true) ready++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing')
      reason = `Init:${str(waiting.reason)}`;
    else reason = `Init:${i}/${initSpecs.size}`;
    initializing = true;
    break;
  }

  let restarts = all;
  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = { ...sidecars };
    let hasRunning = false;
    const statuses = objects(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      noteRestart(restarts, cs);
      const state = isObj(cs.state) ? cs.state : {};
      const terminated = isObj(state.terminated) ? state.terminated : undefined;
      const waiting = isObj(state.waiting) ? state.waiting : undefined;
      if (waiting && str(waiting.reason)) reason = str(waiting.reason);
      else if (terminated) reason = terminatedReason(terminated, '');
      else if (cs.ready === true && isObj(state.running)) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning)
      reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';

  const restartText =
    restarts.count !== 0 && restarts.last > 0
      ? `${restarts.count} (${ageOf(new Date(restarts.last).toISOString(), now)} ago)`
      : String(restarts.count);
  total = Math.max(total, 0);
  return { ready: `${ready}/${total}`, reason, restarts: restartText };
}

function podCells(pod: KubeObject, now: Date): TableCell[] {
  const spec = specOf(pod);
  const status = statusOf(pod);
  const summary = podSummary(pod, now);
  const podIP = str(objects(status.podIPs)[0]?.ip) || '<none>';
  const gates = objects(spec.readinessGates);
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const conditions = objects(status.conditions);
    const trueCount = gates.filter(
      (g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True',
    ).length;
    readinessGates = `${trueCount}/${gates.length}`;
  }
  return [
    pod.metadata.name ?? '',
    summary.ready,
    summary.reason,
    summary.restarts,
    ageOf(pod.metadata.creationTimestamp, now),
    podIP,
    str(spec.nodeName) || '<none>',
    str(status.nominatedNodeName) || '<none>',
    readinessGates,
  ];
}

/** The pods printer. */
export const podTable: TableSpec = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Ready containers out of all containers of the pod.'),
    column('Status', 'string', 'Summary of the pod phase and container states.'),
    column('Restarts', 'string', 'Container restarts, and how long ago the last one happened.'),
    ageColumn,
    column('IP', 'string', 'The pod IP address.', 1),
    column('Node', 'string', 'The node the pod is bound to.', 1),
    column('Nominated Node', 'string', 'The node the scheduler nominated during preemption.', 1),
    column('Readiness Gates', 'string', 'Readiness gates that are true, out of all gates.', 1),
  ],
  cells: podCells,
  conditions(obj) {
    const phase = statusOf(obj).phase;
    if (phase === 'Succeeded') {
      return [
        {
          type: 'Completed',
          status: 'True',
          reason: 'Succeeded',
          message: 'The pod has completed successfully.',
        },
      ];
    }
    if (phase === 'Failed')
      return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return [];
  },
};
