/**
 * @module container
 * Container sub-form <-> container object. `applyContainer` writes only the fields the form knows onto
 * the existing container, so fields set in YAML (securityContext, lifecycle, ...) survive.
 */
import { compact } from '../../lib/object-path';

type Obj = Record<string, unknown>;

export interface PortForm {
  name: string;
  protocol: 'TCP' | 'UDP';
  containerPort: number;
}

export interface EnvForm {
  name: string;
  source: 'value' | 'configMap' | 'secret' | 'other';
  value?: string;
  refName?: string;
  refKey?: string;
  /** Original valueFrom the form cannot edit (fieldRef, resourceFieldRef), kept verbatim. */
  raw?: unknown;
}

export interface ProbeForm {
  type: 'httpGet' | 'tcpSocket' | 'exec';
  path?: string;
  port?: number;
  scheme?: 'HTTP' | 'HTTPS';
  command?: string[];
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export interface ContainerForm {
  name: string;
  image: string;
  imagePullPolicy: 'IfNotPresent' | 'Always' | 'Never';
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
  ports: PortForm[];
  command: string[];
  args: string[];
  env: EnvForm[];
  livenessProbe?: ProbeForm;
  readinessProbe?: ProbeForm;
}

/** Probe defaults (Kubernetes' own). */
export const PROBE_DEFAULTS: ProbeForm = {
  type: 'httpGet',
  path: '/',
  port: 80,
  scheme: 'HTTP',
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);

/** A new container with the default name `container-<rand6>`. */
export function newContainer(suffix: string): ContainerForm {
  return {
    name: `container-${suffix}`,
    image: '',
    imagePullPolicy: 'IfNotPresent',
    cpuRequest: '',
    cpuLimit: '',
    memoryRequest: '',
    memoryLimit: '',
    ports: [],
    command: [],
    args: [],
    env: [],
  };
}

function readProbe(p: unknown): ProbeForm | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const probe = p as Obj;
  const timing = {
    initialDelaySeconds: num(probe.initialDelaySeconds, 0),
    timeoutSeconds: num(probe.timeoutSeconds, 1),
    periodSeconds: num(probe.periodSeconds, 10),
    successThreshold: num(probe.successThreshold, 1),
    failureThreshold: num(probe.failureThreshold, 3),
  };
  if (probe.exec)
    return { type: 'exec', command: ((probe.exec as Obj).command as string[] | undefined) ?? [], ...timing };
  if (probe.tcpSocket) return { type: 'tcpSocket', port: Number((probe.tcpSocket as Obj).port), ...timing };
  const http = (probe.httpGet ?? {}) as Obj;
  return {
    type: 'httpGet',
    path: str(http.path) || '/',
    port: Number(http.port ?? 80),
    scheme: http.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP',
    ...timing,
  };
}

function writeProbe(existing: unknown, form: ProbeForm | undefined): Obj | undefined {
  if (!form) return undefined;
  const {
    httpGet: _h,
    tcpSocket: _t,
    exec: _e,
    grpc: _g,
    ...rest
  } = (existing && typeof existing === 'object' ? existing : {}) as Obj;
  const handler =
    form.type === 'exec'
      ? { exec: { command: (form.command ?? []).filter(Boolean) } }
      : form.type === 'tcpSocket'
        ? { tcpSocket: { port: form.port ?? 80 } }
        : { httpGet: { path: form.path || '/', port: form.port ?? 80, scheme: form.scheme ?? 'HTTP' } };
  return {
    ...rest,
    ...handler,
    initialDelaySeconds: form.initialDelaySeconds,
    timeoutSeconds: form.timeoutSeconds,
    periodSeconds: form.periodSeconds,
    successThreshold: form.successThreshold,
    failureThreshold: form.failureThreshold,
  };
}

function readEnv(env: unknown): EnvForm[] {
  return ((env as Obj[] | undefined) ?? []).map((e) => {
    const from = e.valueFrom as Obj | undefined;
    if (!from) return { name: str(e.name), source: 'value', value: str(e.value) };
    const cm = from.configMapKeyRef as Obj | undefined;
    const sec = from.secretKeyRef as Obj | undefined;
    if (cm) return { name: str(e.name), source: 'configMap', refName: str(cm.name), refKey: str(cm.key) };
    if (sec) return { name: str(e.name), source: 'secret', refName: str(sec.name), refKey: str(sec.key) };
    return { name: str(e.name), source: 'other', raw: from };
  });
}

function writeEnv(env: EnvForm[]): Obj[] {
  return env
    .filter((e) => e.name)
    .map((e) => {
      if (e.source === 'configMap')
        return {
          name: e.name,
          valueFrom: { configMapKeyRef: { name: e.refName ?? '', key: e.refKey ?? '' } },
        };
      if (e.source === 'secret')
        return { name: e.name, valueFrom: { secretKeyRef: { name: e.refName ?? '', key: e.refKey ?? '' } } };
      if (e.source === 'other') return { name: e.name, valueFrom: e.raw };
      return { name: e.name, value: e.value ?? '' };
    });
}

/** Reads the sub-form of a container object. */
export function readContainer(c: Obj): ContainerForm {
  const res = (c.resources ?? {}) as { requests?: Obj; limits?: Obj };
  return {
    name: str(c.name),
    image: str(c.image),
    imagePullPolicy: (c.imagePullPolicy as ContainerForm['imagePullPolicy']) ?? 'IfNotPresent',
    cpuRequest: str(res.requests?.cpu),
    cpuLimit: str(res.limits?.cpu),
    memoryRequest: str(res.requests?.memory),
    memoryLimit: str(res.limits?.memory),
    ports: ((c.ports as Obj[] | undefined) ?? []).map((p) => ({
      name: str(p.name),
      protocol: p.protocol === 'UDP' ? 'UDP' : 'TCP',
      containerPort: Number(p.containerPort),
    })),
    command: ((c.command as string[] | undefined) ?? []).map(String),
    args: ((c.args as string[] | undefined) ?? []).map(String),
    env: readEnv(c.env),
    livenessProbe: readProbe(c.livenessProbe),
    readinessProbe: readProbe(c.readinessProbe),
  };
}

/** "0" (or empty) means "no restriction" in the form; it is pruned from the object. */
const quantity = (v: string): string | undefined =>
  v.trim() === '' || /^0+(\.0+)?[a-zA-Z]*$/.test(v.trim()) ? undefined : v.trim();

/** Writes the sub-form onto an existing container object (or a new one), keeping unknown fields. */
export function applyContainer(existing: Obj | undefined, form: ContainerForm): Obj {
  const out: Obj = { ...(existing ?? {}) };
  const set = (key: string, value: unknown) => {
    const empty =
      value === undefined ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length === 0);
    if (empty) delete out[key];
    else out[key] = value;
  };
  set('name', form.name);
  set('image', form.image);
  set('imagePullPolicy', form.imagePullPolicy);
  const oldRes = (existing?.resources ?? {}) as Obj;
  const requests = compact({
    ...((oldRes.requests as Obj) ?? {}),
    cpu: quantity(form.cpuRequest),
    memory: quantity(form.memoryRequest),
  });
  const limits = compact({
    ...((oldRes.limits as Obj) ?? {}),
    cpu: quantity(form.cpuLimit),
    memory: quantity(form.memoryLimit),
  });
  set('resources', compact({ ...oldRes, requests, limits }));
  set(
    'ports',
    form.ports
      .filter((p) => p.containerPort > 0)
      .map((p) => compact({ name: p.name, protocol: p.protocol, containerPort: p.containerPort })),
  );
  set('command', form.command.filter(Boolean));
  set('args', form.args.filter(Boolean));
  set('env', writeEnv(form.env));
  set('livenessProbe', writeProbe(existing?.livenessProbe, form.livenessProbe));
  set('readinessProbe', writeProbe(existing?.readinessProbe, form.readinessProbe));
  return out;
}

/** Validation problems of a container sub-form, as i18n keys. */
export function containerProblems(form: ContainerForm): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(form.name) || form.name.length > 63)
    problems.push('CONTAINER_NAME_INVALID');
  if (!form.image.trim()) problems.push('IMAGE_REQUIRED');
  const names = form.ports.map((p) => p.name).filter(Boolean);
  if (form.ports.some((p) => p.name && !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(p.name)))
    problems.push('PORT_NAME_INVALID');
  if (new Set(names).size !== names.length) problems.push('PORT_NAME_DUPLICATE');
  if (form.ports.some((p) => !(p.containerPort >= 1 && p.containerPort <= 65535)))
    problems.push('PORT_INVALID');
  return problems;
}
