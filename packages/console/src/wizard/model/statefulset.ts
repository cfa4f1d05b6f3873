/**
 * @module statefulset
 * StatefulSet-specific sections: volume templates (`volumeClaimTemplates` + container mounts) and the
 * headless Service (step 4), whose name is also the StatefulSet's `serviceName`.
 */
import type { KubeObject } from '@sphere/shared';
import { getIn, setIn } from '../../lib/object-path';
import { ALIAS } from '../../resources/meta';
import type { ContainerForm } from './container';
import { byKind, withObject, type Draft } from './draft';
import {
  applyBasic,
  applyPod,
  containersOf,
  readBasic,
  readPod,
  withAnnotation,
  WORKLOAD_KINDS,
  withContainers,
  type BasicForm,
  type PodForm,
} from './workload';

type Obj = Record<string, unknown>;
const STS = WORKLOAD_KINDS.StatefulSet;

export interface MountForm {
  container: string;
  mountPath: string;
  readOnly: boolean;
}

export interface VolumeTemplateForm {
  name: string;
  storageClassName: string;
  storage: string;
  accessMode: 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany';
  mounts: MountForm[];
}

export interface ServicePortForm {
  name: string;
  protocol: 'TCP' | 'UDP';
  port: number;
  targetPort: number;
}

export interface ServiceForm {
  name: string;
  sessionAffinity: 'None' | 'ClientIP';
  ports: ServicePortForm[];
}

function sts(draft: Draft): KubeObject {
  const o = byKind(draft, 'StatefulSet');
  if (!o) throw new Error('draft has no StatefulSet');
  return o;
}

/** Reads volume templates and where each is mounted. */
export function readVolumeTemplates(draft: Draft): VolumeTemplateForm[] {
  const templates = (getIn(sts(draft), 'spec.volumeClaimTemplates') as KubeObject[] | undefined) ?? [];
  const containers = containersOf(draft, STS);
  return templates.map((t) => {
    const spec = (t.spec ?? {}) as Obj;
    const name = t.metadata?.name ?? '';
    return {
      name,
      storageClassName: String(spec.storageClassName ?? ''),
      storage: String(getIn(spec, 'resources.requests.storage') ?? '10Gi'),
      accessMode: ((spec.accessModes as string[] | undefined)?.[0] ??
        'ReadWriteOnce') as VolumeTemplateForm['accessMode'],
      mounts: containers.flatMap((c) =>
        ((c.volumeMounts as Obj[] | undefined) ?? [])
          .filter((m) => m.name === name)
          .map((m) => ({
            container: String(c.name),
            mountPath: String(m.mountPath ?? ''),
            readOnly: !!m.readOnly,
          })),
      ),
    };
  });
}

/**
 * Writes volume templates (merging onto existing templates by name) and rewrites the mounts of every
 * template volume in the containers; mounts of other volumes are left alone.
 */
export function applyVolumeTemplates(draft: Draft, forms: VolumeTemplateForm[]): Draft {
  const o = sts(draft);
  const namespace = o.metadata.namespace;
  const existing = (getIn(o, 'spec.volumeClaimTemplates') as KubeObject[] | undefined) ?? [];
  const templates = forms.map((f) => {
    const prior = existing.find((e) => e.metadata?.name === f.name);
    let t: KubeObject = prior ?? { metadata: {} };
    t = setIn(t, 'metadata.name', f.name);
    t = setIn(t, 'metadata.namespace', namespace);
    t = setIn(t, 'spec.accessModes', [f.accessMode]);
    t = setIn(t, 'spec.storageClassName', f.storageClassName || undefined);
    t = setIn(t, 'spec.resources.requests.storage', f.storage || '10Gi');
    return t;
  });
  let next = withObject(
    draft,
    setIn(o, 'spec.volumeClaimTemplates', templates.length ? templates : undefined),
  );
  const managed = new Set([...existing.map((e) => e.metadata?.name), ...forms.map((f) => f.name)]);
  const containers = containersOf(next, STS).map((c) => {
    const others = ((c.volumeMounts as Obj[] | undefined) ?? []).filter((m) => !managed.has(String(m.name)));
    const ours = forms.flatMap((f) =>
      f.mounts
        .filter((m) => m.container === c.name && m.mountPath)
        .map((m) => ({ name: f.name, mountPath: m.mountPath, readOnly: m.readOnly })),
    );
    const mounts = [...others, ...ours];
    const { volumeMounts: _old, ...rest } = c;
    return mounts.length ? { ...rest, volumeMounts: mounts } : rest;
  });
  next = withContainers(next, STS, containers);
  return next;
}

/** Service ports KubeSphere derives from container ports (service port = container port). */
export function servicePortsFromContainers(containers: ContainerForm[]): ServicePortForm[] {
  return containers.flatMap((c) =>
    c.ports.map((p) => ({
      name: p.name || `${p.protocol.toLowerCase()}-${p.containerPort}`,
      protocol: p.protocol,
      port: p.containerPort,
      targetPort: p.containerPort,
    })),
  );
}

/** Reads step 4 (headless Service). */
export function readService(draft: Draft): ServiceForm {
  const svc = byKind(draft, 'Service');
  const spec = (svc?.spec ?? {}) as Obj;
  return {
    name: svc?.metadata.name ?? '',
    sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
    ports: ((spec.ports as Obj[] | undefined) ?? []).map((p) => ({
      name: String(p.name ?? ''),
      protocol: p.protocol === 'UDP' ? 'UDP' : 'TCP',
      port: Number(p.port),
      targetPort: Number(p.targetPort ?? p.port),
    })),
  };
}

/** Writes step 4: Service name (= StatefulSet serviceName), session affinity, ports, alias. */
export function applyService(draft: Draft, form: ServiceForm): Draft {
  const svc = byKind(draft, 'Service');
  if (!svc) return draft;
  const alias = readBasic(draft, STS).alias;
  let s: KubeObject = setIn(svc, 'metadata.name', form.name || undefined);
  s = setIn(s, 'metadata.namespace', sts(draft).metadata.namespace);
  s = withAnnotation(s, ALIAS, alias);
  s = setIn(s, 'spec.clusterIP', 'None');
  s = setIn(s, 'spec.sessionAffinity', form.sessionAffinity);
  s = setIn(
    s,
    'spec.ports',
    form.ports.length
      ? form.ports.map((p) => ({
          name: p.name,
          protocol: p.protocol,
          port: p.port,
          targetPort: p.targetPort,
        }))
      : undefined,
  );
  const next = withObject(draft, s);
  return withObject(next, setIn(sts(next), 'spec.serviceName', form.name || undefined));
}

/** The generated headless Service name: `<workload>-<suffix>`. */
export function defaultServiceName(workloadName: string, suffix: string): string {
  return workloadName ? `${workloadName.slice(0, 56)}-${suffix}` : '';
}

/**
 * Basic Info for the StatefulSet wizard: also keeps the generated Service name (`<name>-<suffix>`)
 * in step with the workload name until the user picks a different one.
 */
export function applyStatefulSetBasic(draft: Draft, form: BasicForm, suffix: string): Draft {
  const oldName = readBasic(draft, STS).name;
  let next = applyBasic(draft, STS, form);
  const service = readService(next);
  if (!service.name || service.name === defaultServiceName(oldName, suffix)) {
    next = applyService(next, { ...service, name: defaultServiceName(form.name, suffix) });
  } else {
    next = applyService(next, service);
  }
  return next;
}

/**
 * Pod Template for the StatefulSet wizard: while the Service ports are still the ones derived from the
 * container ports, they follow the containers.
 */
export function applyStatefulSetPod(draft: Draft, form: PodForm): Draft {
  const before = servicePortsFromContainers(readPod(draft, STS).containers);
  const service = readService(draft);
  const next = applyPod(draft, STS, form);
  if (JSON.stringify(service.ports) !== JSON.stringify(before)) return next;
  return applyService(next, { ...service, ports: servicePortsFromContainers(form.containers) });
}
