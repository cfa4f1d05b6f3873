/**
 * @module workload
 * Form sections of the workload wizards <-> the draft manifests. Each section has a pure `read*`
 * (objects → form) and `apply*` (objects + form → objects) that writes only that section's fields,
 * so everything else in the objects (including fields only set in YAML) is preserved.
 */
import type { KubeObject } from '@sphere/shared';
import { getIn, setIn } from '../../lib/object-path';
import { ALIAS, DESCRIPTION } from '../../resources/meta';
import { applyContainer, readContainer, type ContainerForm } from './container';
import { byKind, withObject, type Draft } from './draft';

type Obj = Record<string, unknown>;

/** Where a kind keeps its pod template and whether it has replicas/selector. */
export interface WorkloadKind {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
  templatePath: string;
  replicas: boolean;
  selector: boolean;
}

export const WORKLOAD_KINDS: Record<WorkloadKind['kind'], WorkloadKind> = {
  Deployment: { kind: 'Deployment', templatePath: 'spec.template', replicas: true, selector: true },
  StatefulSet: { kind: 'StatefulSet', templatePath: 'spec.template', replicas: true, selector: true },
  DaemonSet: { kind: 'DaemonSet', templatePath: 'spec.template', replicas: false, selector: true },
  Job: { kind: 'Job', templatePath: 'spec.template', replicas: false, selector: false },
  CronJob: {
    kind: 'CronJob',
    templatePath: 'spec.jobTemplate.spec.template',
    replicas: false,
    selector: false,
  },
};

export interface BasicForm {
  name: string;
  alias: string;
  description: string;
}

export interface StrategyForm {
  /** RollingUpdate | OnDelete (StatefulSet, DaemonSet) | Recreate (Deployment). */
  type: string;
  partition?: number;
  maxUnavailable?: string;
  maxSurge?: string;
  minReadySeconds?: number;
}

export interface PodForm {
  replicas: number;
  containers: ContainerForm[];
  strategy?: StrategyForm;
  restartPolicy?: 'Never' | 'OnFailure';
}

export type KeyValues = Record<string, string>;

function workload(draft: Draft, wk: WorkloadKind): KubeObject {
  const obj = byKind(draft, wk.kind);
  if (!obj) throw new Error(`draft has no ${wk.kind}`);
  return obj;
}

const podSpecPath = (wk: WorkloadKind) => `${wk.templatePath}.spec`;

/** Reads Basic Info. */
export function readBasic(draft: Draft, wk: WorkloadKind): BasicForm {
  const o = workload(draft, wk);
  return {
    name: o.metadata.name ?? '',
    alias: o.metadata.annotations?.[ALIAS] ?? '',
    description: o.metadata.annotations?.[DESCRIPTION] ?? '',
  };
}

/** Sets or removes one annotation (keys contain dots, so no path helper). */
export function withAnnotation(obj: KubeObject, key: string, value: string): KubeObject {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  if (value) annotations[key] = value;
  else delete annotations[key];
  const { annotations: _old, ...meta } = obj.metadata;
  return { ...obj, metadata: Object.keys(annotations).length ? { ...meta, annotations } : meta };
}

/**
 * Writes Basic Info. As in KubeSphere, typing the name sets the `app: <name>` label (truncated to 63)
 * on the workload, its selector and its pod template, replacing the previous automatic value.
 */
export function applyBasic(draft: Draft, wk: WorkloadKind, form: BasicForm): Draft {
  const before = workload(draft, wk);
  const oldApp = before.metadata.name ? before.metadata.name.slice(0, 63) : '';
  let o: KubeObject = setIn(before, 'metadata.name', form.name || undefined);
  o = withAnnotation(withAnnotation(o, ALIAS, form.alias), DESCRIPTION, form.description);
  const labels = readLabels(draft, wk);
  if (labels.app === undefined || labels.app === oldApp) {
    const next = { ...labels };
    if (form.name) next.app = form.name.slice(0, 63);
    else delete next.app;
    return applyLabels(withObject(draft, o), wk, next);
  }
  return withObject(draft, o);
}

/** Labels (step "Label Settings"): the workload's own labels. */
export function readLabels(draft: Draft, wk: WorkloadKind): KeyValues {
  return { ...(workload(draft, wk).metadata.labels ?? {}) };
}

/**
 * Writes labels to the workload, its selector and its pod template (and the CronJob's job template),
 * and to the selector of a Service in the draft, so the generated objects always match each other.
 */
export function applyLabels(draft: Draft, wk: WorkloadKind, labels: KeyValues): Draft {
  let o = workload(draft, wk);
  o = { ...o, metadata: { ...o.metadata, labels: { ...labels } } };
  if (wk.selector) o = setIn(o, 'spec.selector.matchLabels', { ...labels });
  o = setIn(o, `${wk.templatePath}.metadata.labels`, { ...labels });
  if (wk.kind === 'CronJob') o = setIn(o, 'spec.jobTemplate.metadata.labels', { ...labels });
  let next = withObject(draft, o);
  const svc = byKind(next, 'Service');
  if (svc) {
    next = withObject(
      next,
      setIn({ ...svc, metadata: { ...svc.metadata, labels: { ...labels } } }, 'spec.selector', { ...labels }),
    );
  }
  return next;
}

/** Node selector of the pod template. */
export function readNodeSelector(draft: Draft, wk: WorkloadKind): KeyValues {
  return {
    ...((getIn(workload(draft, wk), `${podSpecPath(wk)}.nodeSelector`) as KeyValues | undefined) ?? {}),
  };
}

export function applyNodeSelector(draft: Draft, wk: WorkloadKind, selector: KeyValues): Draft {
  const value = Object.keys(selector).length ? { ...selector } : undefined;
  return withObject(draft, setIn(workload(draft, wk), `${podSpecPath(wk)}.nodeSelector`, value));
}

function readStrategy(o: KubeObject, wk: WorkloadKind): StrategyForm | undefined {
  const spec = (o.spec ?? {}) as Obj;
  if (wk.kind === 'Deployment') {
    const s = (spec.strategy ?? {}) as Obj;
    const ru = (s.rollingUpdate ?? {}) as Obj;
    return {
      type: String(s.type ?? 'RollingUpdate'),
      maxUnavailable: String(ru.maxUnavailable ?? '25%'),
      maxSurge: String(ru.maxSurge ?? '25%'),
    };
  }
  if (wk.kind === 'StatefulSet' || wk.kind === 'DaemonSet') {
    const s = (spec.updateStrategy ?? {}) as Obj;
    const ru = (s.rollingUpdate ?? {}) as Obj;
    return wk.kind === 'StatefulSet'
      ? { type: String(s.type ?? 'RollingUpdate'), partition: Number(ru.partition ?? 0) }
      : {
          type: String(s.type ?? 'RollingUpdate'),
          maxUnavailable: String(ru.maxUnavailable ?? '20%'),
          minReadySeconds: Number(spec.minReadySeconds ?? 0),
        };
  }
  return undefined;
}

function writeStrategy(o: KubeObject, wk: WorkloadKind, s: StrategyForm | undefined): KubeObject {
  if (!s) return o;
  if (wk.kind === 'Deployment') {
    const value =
      s.type === 'Recreate'
        ? { type: 'Recreate' }
        : {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: s.maxUnavailable ?? '25%', maxSurge: s.maxSurge ?? '25%' },
          };
    return setIn(o, 'spec.strategy', value);
  }
  if (wk.kind === 'StatefulSet') {
    const value =
      s.type === 'OnDelete'
        ? { type: 'OnDelete' }
        : { type: 'RollingUpdate', rollingUpdate: { partition: Math.max(0, Math.floor(s.partition ?? 0)) } };
    return setIn(o, 'spec.updateStrategy', value);
  }
  if (wk.kind === 'DaemonSet') {
    const value =
      s.type === 'OnDelete'
        ? { type: 'OnDelete' }
        : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: s.maxUnavailable ?? '20%' } };
    return setIn(setIn(o, 'spec.updateStrategy', value), 'spec.minReadySeconds', s.minReadySeconds ?? 0);
  }
  return o;
}

/** Reads the Pod Template step. */
export function readPod(draft: Draft, wk: WorkloadKind): PodForm {
  const o = workload(draft, wk);
  const podSpec = (getIn(o, podSpecPath(wk)) ?? {}) as Obj;
  return {
    replicas:
      typeof (o.spec as Obj | undefined)?.replicas === 'number' ? ((o.spec as Obj).replicas as number) : 1,
    containers: ((podSpec.containers as Obj[] | undefined) ?? []).map(readContainer),
    strategy: readStrategy(o, wk),
    restartPolicy:
      wk.kind === 'Job' || wk.kind === 'CronJob'
        ? ((podSpec.restartPolicy as PodForm['restartPolicy']) ?? 'Never')
        : undefined,
  };
}

/**
 * Writes the Pod Template step. Containers are matched to existing ones by name (then by position)
 * so fields the form does not show survive; removed containers are dropped.
 */
export function applyPod(draft: Draft, wk: WorkloadKind, form: PodForm): Draft {
  let o = workload(draft, wk);
  const path = `${podSpecPath(wk)}.containers`;
  const existing = (getIn(o, path) as Obj[] | undefined) ?? [];
  const containers = form.containers.map((c, i) => {
    const prior =
      existing.find((e) => e.name === c.name) ??
      (existing[i] && !form.containers.some((f) => f.name === existing[i].name) ? existing[i] : undefined);
    return applyContainer(prior, c);
  });
  o = setIn(o, path, containers);
  if (wk.replicas) o = setIn(o, 'spec.replicas', Math.max(0, Math.floor(form.replicas)));
  o = writeStrategy(o, wk, form.strategy);
  if (form.restartPolicy) o = setIn(o, `${podSpecPath(wk)}.restartPolicy`, form.restartPolicy);
  return withObject(draft, o);
}

/** Containers of the draft's workload as objects (for volume mounts and service ports). */
export function containersOf(draft: Draft, wk: WorkloadKind): Obj[] {
  return (getIn(workload(draft, wk), `${podSpecPath(wk)}.containers`) as Obj[] | undefined) ?? [];
}

/** Replaces the containers' objects (used by steps that edit volumeMounts). */
export function withContainers(draft: Draft, wk: WorkloadKind, containers: Obj[]): Draft {
  return withObject(draft, setIn(workload(draft, wk), `${podSpecPath(wk)}.containers`, containers));
}
