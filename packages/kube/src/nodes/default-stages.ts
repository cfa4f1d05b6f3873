/**
 * @module nodes/default-stages
 * The default pod lifecycle as data: which stage applies to a pod in which state, after what delay, and
 * what the kubelet writes and records. See stages.ts for the meaning of each field.
 */
import type { Stage, StageDelay } from './stages';

const quick = (fastMs: number, realisticMs: number): StageDelay => ({ fastMs, realisticMs, jitter: 0.3 });

/** The default stages, in priority order (the first that matches applies). */
export const defaultStages: Stage[] = [
  {
    name: 'pod-delete',
    selector: {
      states: [
        'new',
        'creating',
        'pull-error',
        'pull-backoff',
        'crash-backoff',
        'running-unready',
        'running-ready',
        'finished',
      ],
      deleting: true,
    },
    delay: { from: 'gracePeriod' },
    events: [{ type: 'Normal', reason: 'Killing', message: 'Stopping container {container}' }],
    delete: true,
  },
  { name: 'pod-create', selector: { states: ['new'] }, delay: quick(5, 300), status: 'creating' },
  {
    name: 'image-pull-failed',
    selector: { states: ['creating', 'pull-backoff'], imageFails: true },
    delay: { from: 'imageBackoff' },
    status: 'pullError',
    events: [
      { type: 'Normal', reason: 'Pulling', message: 'Pulling image "{image}"', containers: 'failing' },
      {
        type: 'Warning',
        reason: 'Failed',
        message: 'Failed to pull image "{image}": {pullError}',
        containers: 'failing',
      },
      { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', containers: 'failing' },
    ],
  },
  {
    name: 'image-pull-backoff',
    selector: { states: ['pull-error'] },
    delay: quick(20, 1500),
    status: 'pullBackOff',
    events: [
      {
        type: 'Normal',
        reason: 'BackOff',
        message: 'Back-off pulling image "{image}"',
        containers: 'failing',
      },
      { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', containers: 'failing' },
    ],
  },
  {
    name: 'containers-started',
    selector: { states: ['creating'], imageFails: false },
    delay: quick(10, 2500),
    status: 'started',
    events: [
      { type: 'Normal', reason: 'Pulling', message: 'Pulling image "{image}"' },
      {
        type: 'Normal',
        reason: 'Pulled',
        message:
          'Successfully pulled image "{image}" in 1.234s (1.234s including waiting). Image size: 72099410 bytes.',
      },
      { type: 'Normal', reason: 'Created', message: 'Created container: {container}' },
      { type: 'Normal', reason: 'Started', message: 'Started container {container}' },
    ],
  },
  {
    name: 'job-completed',
    selector: { states: ['running-ready', 'running-unready'], ownerKind: 'Job', simulate: 'none' },
    delay: quick(20, 4000),
    status: 'completed',
  },
  {
    name: 'container-crashed',
    selector: { states: ['running-ready', 'running-unready'], simulate: 'crash' },
    delay: quick(30, 5000),
    status: 'crashed',
  },
  {
    name: 'container-oom-killed',
    selector: { states: ['running-ready', 'running-unready'], simulate: 'oom' },
    delay: quick(30, 8000),
    status: 'oomKilled',
  },
  {
    name: 'container-memory-exceeded',
    selector: { states: ['running-ready', 'running-unready'], memoryOverLimit: true },
    delay: { from: 'memoryLimit' },
    status: 'oomKilled',
  },
  {
    name: 'liveness-probe-failed',
    selector: { states: ['running-ready', 'running-unready'], livenessFails: true },
    delay: { from: 'livenessFailure' },
    race: true,
    status: 'livenessKilled',
    events: [
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Liveness probe failed: {probeResult}',
        containers: 'livenessFailing',
        repeat: 'failureThreshold',
      },
      {
        type: 'Normal',
        reason: 'Killing',
        message: 'Container {container} failed liveness probe, will be restarted',
        containers: 'livenessFailing',
      },
      {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image "{image}" already present on machine',
        containers: 'restartedNow',
      },
      {
        type: 'Normal',
        reason: 'Created',
        message: 'Created container: {container}',
        containers: 'restartedNow',
      },
      {
        type: 'Normal',
        reason: 'Started',
        message: 'Started container {container}',
        containers: 'restartedNow',
      },
    ],
  },
  {
    name: 'container-restarted',
    selector: { states: ['crash-backoff'] },
    delay: { from: 'crashBackoff' },
    status: 'restarted',
    events: [
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container {container} in pod {pod}_{namespace}({uid})',
        containers: 'restarting',
      },
      {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image "{image}" already present on machine',
        containers: 'restarting',
      },
      {
        type: 'Normal',
        reason: 'Created',
        message: 'Created container: {container}',
        containers: 'restarting',
      },
      {
        type: 'Normal',
        reason: 'Started',
        message: 'Started container {container}',
        containers: 'restarting',
      },
    ],
  },
  {
    name: 'readiness-probe-passed',
    selector: { states: ['running-unready'], readinessProbe: true, readinessPasses: true },
    delay: { from: 'readinessSuccess' },
    race: true,
    status: 'ready',
  },
  {
    name: 'readiness-probe-failed',
    selector: { states: ['running-ready', 'running-unready'], readinessFails: true },
    delay: { from: 'readinessFailure' },
    race: true,
    status: 'unready',
    events: [
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: {probeResult}',
        containers: 'readinessFailing',
        repeat: 'failureThreshold',
      },
    ],
  },
];
