/**
 * @module registry/validation/pod-spec
 * PodSpec validation shared by pods and every workload template: containers, ports, env, volumes and
 * mounts, resources, restart and DNS policies, tolerations. Field paths and messages follow
 * kube-apiserver (`spec.containers[0].image: Required value`).
 */
import { fieldErrors, type StatusCause } from '@sphere/shared';
import { isDns1123Label, isDns1123Subdomain, isEnvVarName, isQualifiedName } from '@sphere/shared/names';
import {
  canonicalizeQuantity,
  compareQuantities,
  isValidQuantity,
  QUANTITY_FORMAT_ERROR,
} from '@sphere/shared/quantity';
import {
  isObj,
  isValidPortName,
  objects,
  str,
  validateLabels,
  validatePortNumber,
  nonNegative,
  type Obj,
  notFound,
} from './common';
import { validateLifecycle, validateProbe } from './probes';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/** Every volume source a Volume may name; exactly one must be set. */
export const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
]; // prettier-ignore

/** A required string field of a volume source (`secret.secretName`, ...). */
const VOLUME_REQUIRED: Record<string, string> = {
  secret: 'secretName',
  configMap: 'name',
  persistentVolumeClaim: 'claimName',
  hostPath: 'path',
  nfs: 'path',
};

/** Validates a PodSpec found at `path` (`spec`, `spec.template.spec`, ...). */
export function validatePodSpec(
  spec: unknown,
  path: string,
  options: { extraVolumeNames?: string[] } = {},
): StatusCause[] {
  if (!isObj(spec)) return [fieldErrors.required(`${path}.containers`)];
  const causes: StatusCause[] = [];
  const volumeNames = validateVolumes(spec.volumes, `${path}.volumes`, causes);
  // StatefulSet templates mount their volumeClaimTemplates, which become pod volumes only per replica.
  for (const name of options.extraVolumeNames ?? []) volumeNames.add(name);
  const containerNames = new Set<string>();
  const containers = objects(spec.containers);
  if (containers.length === 0) causes.push(fieldErrors.required(`${path}.containers`));
  for (const [key, list] of [
    ['initContainers', objects(spec.initContainers)],
    ['containers', containers],
  ] as const) {
    list.forEach((c, i) => validateContainer(c, `${path}.${key}[${i}]`, volumeNames, containerNames, causes));
  }
  causes.push(...enumField(spec.restartPolicy, `${path}.restartPolicy`, RESTART_POLICIES));
  causes.push(...enumField(spec.dnsPolicy, `${path}.dnsPolicy`, DNS_POLICIES));
  causes.push(...nonNegative(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds));
  const deadline = spec.activeDeadlineSeconds;
  if (typeof deadline === 'number' && (deadline < 1 || deadline > 2147483647)) {
    causes.push(
      fieldErrors.invalid(
        `${path}.activeDeadlineSeconds`,
        deadline,
        'must be between 1 and 2147483647, inclusive',
      ),
    );
  }
  causes.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  const sa = str(spec.serviceAccountName);
  if (sa)
    for (const msg of isDns1123Subdomain(sa))
      causes.push(fieldErrors.invalid(`${path}.serviceAccountName`, sa, msg));
  for (const key of ['hostname', 'subdomain']) {
    const value = str(spec[key]);
    if (value)
      for (const msg of isDns1123Label(value)) causes.push(fieldErrors.invalid(`${path}.${key}`, value, msg));
  }
  objects(spec.tolerations).forEach((t, i) =>
    causes.push(...validateToleration(t, `${path}.tolerations[${i}]`)),
  );
  return causes;
}

/** `Unsupported value` unless the value is missing (defaulting fills it) or one of `supported`. */
function enumField(value: unknown, field: string, supported: string[]): StatusCause[] {
  if (value === undefined || value === null) return [];
  if (value === '') return [fieldErrors.required(field)];
  return supported.includes(value as string) ? [] : [fieldErrors.notSupported(field, value, supported)];
}

function validateVolumes(value: unknown, path: string, causes: StatusCause[]): Set<string> {
  const names = new Set<string>();
  objects(value).forEach((vol, i) => {
    const at = `${path}[${i}]`;
    const name = str(vol.name);
    if (!name) causes.push(fieldErrors.required(`${at}.name`));
    else {
      for (const msg of isDns1123Label(name)) causes.push(fieldErrors.invalid(`${at}.name`, name, msg));
      if (names.has(name)) causes.push(fieldErrors.duplicate(`${at}.name`, name));
      names.add(name);
    }
    const sources = VOLUME_SOURCES.filter((s) => vol[s] !== undefined && vol[s] !== null);
    if (sources.length === 0) causes.push(fieldErrors.required(at, 'must specify a volume type'));
    for (const extra of sources.slice(1)) {
      causes.push(fieldErrors.forbidden(`${at}.${extra}`, 'may not specify more than 1 volume type'));
    }
    for (const source of sources) {
      const required = VOLUME_REQUIRED[source];
      if (required && !str((vol[source] as Obj)?.[required]))
        causes.push(fieldErrors.required(`${at}.${source}.${required}`));
    }
  });
  return names;
}

function validateContainer(
  c: Obj,
  at: string,
  volumeNames: Set<string>,
  containerNames: Set<string>,
  causes: StatusCause[],
): void {
  const name = str(c.name);
  if (!name) causes.push(fieldErrors.required(`${at}.name`));
  else {
    for (const msg of isDns1123Label(name)) causes.push(fieldErrors.invalid(`${at}.name`, name, msg));
    if (containerNames.has(name)) causes.push(fieldErrors.duplicate(`${at}.name`, name));
    containerNames.add(name);
  }
  if (!str(c.image)) causes.push(fieldErrors.required(`${at}.image`));
  causes.push(...enumField(c.imagePullPolicy, `${at}.imagePullPolicy`, PULL_POLICIES));
  causes.push(
    ...enumField(c.terminationMessagePolicy, `${at}.terminationMessagePolicy`, TERMINATION_MESSAGE_POLICIES),
  );
  causes.push(...validateContainerPorts(c.ports, `${at}.ports`));
  causes.push(...validateEnv(c.env, `${at}.env`));
  causes.push(...validateVolumeMounts(c.volumeMounts, `${at}.volumeMounts`, volumeNames));
  causes.push(...validateResources(c.resources, `${at}.resources`));
  causes.push(...validateProbe(c.livenessProbe, `${at}.livenessProbe`, 'liveness'));
  causes.push(...validateProbe(c.readinessProbe, `${at}.readinessProbe`, 'readiness'));
  causes.push(...validateProbe(c.startupProbe, `${at}.startupProbe`, 'startup'));
  causes.push(...validateLifecycle(c.lifecycle, `${at}.lifecycle`));
}

/** Container ports: number range, optional unique IANA names, protocol enum. */
export function validateContainerPorts(value: unknown, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  objects(value).forEach((port, i) => {
    const at = `${path}[${i}]`;
    const name = str(port.name);
    if (name) {
      for (const msg of isValidPortName(name)) causes.push(fieldErrors.invalid(`${at}.name`, name, msg));
      if (names.has(name)) causes.push(fieldErrors.duplicate(`${at}.name`, name));
      names.add(name);
    }
    if (port.containerPort === undefined || port.containerPort === 0)
      causes.push(fieldErrors.required(`${at}.containerPort`));
    else causes.push(...validatePortNumber(`${at}.containerPort`, port.containerPort));
    if (port.hostPort !== undefined && port.hostPort !== 0)
      causes.push(...validatePortNumber(`${at}.hostPort`, port.hostPort));
    causes.push(...enumField(port.protocol, `${at}.protocol`, PROTOCOLS));
  });
  return causes;
}

function validateEnv(value: unknown, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  objects(value).forEach((env, i) => {
    const at = `${path}[${i}]`;
    const name = str(env.name);
    if (!name) causes.push(fieldErrors.required(`${at}.name`));
    else for (const msg of isEnvVarName(name)) causes.push(fieldErrors.invalid(`${at}.name`, name, msg));
    if (isObj(env.valueFrom) && str(env.value)) {
      causes.push(
        fieldErrors.invalid(`${at}.valueFrom`, '', 'may not be specified when `value` is not empty'),
      );
    }
  });
  return causes;
}

function validateVolumeMounts(value: unknown, path: string, volumeNames: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  const mountPaths = new Set<string>();
  objects(value).forEach((m, i) => {
    const at = `${path}[${i}]`;
    const name = str(m.name);
    if (!name) causes.push(fieldErrors.required(`${at}.name`));
    else if (!volumeNames.has(name)) causes.push(notFound(`${at}.name`, name));
    const mountPath = str(m.mountPath);
    if (!mountPath) causes.push(fieldErrors.required(`${at}.mountPath`));
    else {
      if (mountPaths.has(mountPath))
        causes.push(fieldErrors.invalid(`${at}.mountPath`, mountPath, 'must be unique'));
      mountPaths.add(mountPath);
    }
  });
  return causes;
}

/** Resource names, quantity syntax, non-negative values and requests <= limits. */
export function validateResources(value: unknown, path: string): StatusCause[] {
  if (!isObj(value)) return [];
  const causes: StatusCause[] = [];
  const valid = (section: 'limits' | 'requests'): Map<string, unknown> => {
    const good = new Map<string, unknown>();
    const list = value[section];
    if (!isObj(list)) return good;
    for (const [resource, quantity] of Object.entries(list)) {
      const at = `${path}.${section}[${resource}]`;
      const nameErrs = resourceNameErrors(resource);
      for (const msg of nameErrs) causes.push(fieldErrors.invalid(at, resource, msg));
      if (!isValidQuantity(quantity)) {
        causes.push(fieldErrors.invalid(at, quantity, QUANTITY_FORMAT_ERROR));
        continue;
      }
      if (compareQuantities(quantity as string, 0) < 0) {
        causes.push(
          fieldErrors.invalid(
            at,
            canonicalizeQuantity(quantity as string),
            'must be greater than or equal to 0',
          ),
        );
        continue;
      }
      good.set(resource, quantity);
    }
    return good;
  };
  const limits = valid('limits');
  const requests = valid('requests');
  for (const [resource, request] of requests) {
    const limit = limits.get(resource);
    if (limit === undefined) continue;
    if (compareQuantities(request as string, limit as string) > 0) {
      causes.push(
        fieldErrors.invalid(
          `${path}.requests[${resource}]`,
          canonicalizeQuantity(request as string),
          `must be less than or equal to ${resource} limit of ${canonicalizeQuantity(limit as string)}`,
        ),
      );
    }
  }
  return causes;
}

function resourceNameErrors(name: string): string[] {
  const errs = isQualifiedName(name);
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
    return ['must be a standard resource for containers'];
  }
  return [];
}

function validateToleration(t: Obj, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const key = str(t.key);
  if (key) for (const msg of isQualifiedName(key)) causes.push(fieldErrors.invalid(`${at}.key`, key, msg));
  const operator = t.operator ?? 'Equal';
  if (!TOLERATION_OPERATORS.includes(operator as string)) {
    causes.push(fieldErrors.notSupported(`${at}.operator`, operator, TOLERATION_OPERATORS));
  }
  if (!key && operator !== 'Exists') {
    causes.push(
      fieldErrors.invalid(
        `${at}.operator`,
        operator,
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      ),
    );
  }
  if (operator === 'Exists' && str(t.value)) {
    causes.push(
      fieldErrors.invalid(`${at}.operator`, t.value, "value must be empty when `operator` is 'Exists'"),
    );
  }
  if (t.effect !== undefined && t.effect !== '' && !TAINT_EFFECTS.includes(t.effect as string)) {
    causes.push(fieldErrors.notSupported(`${at}.effect`, t.effect, TAINT_EFFECTS));
  }
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
    causes.push(
      fieldErrors.invalid(
        `${at}.effect`,
        t.effect ?? '',
        "effect must be 'NoExecute' when `tolerationSeconds` is set",
      ),
    );
  }
  return causes;
}
