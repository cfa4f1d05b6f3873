/**
 * @module registry/apps/pod-template
 * Defaulting and validation of the pod templates embedded in workloads (Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, CronJob). The pod rules themselves live with the core pod descriptor's
 * validation package; this module applies them at a template's path and adds the template-level rules.
 */
import type { StatusCause } from '@sphere/shared';
import { defaultPodSpec, validateLabels, validatePodSpec } from '../validation';
import { child, get, isObj, type Obj } from './support';

/** Fills pod-spec defaults inside `parent.template` (creating `template.spec` if needed). */
export function defaultPodTemplate(parent: Obj): void {
  const template = child(parent, 'template');
  defaultPodSpec(child(template, 'spec'));
}

/**
 * Validates `<path>` (a PodTemplateSpec): the pod spec, plus the restart policies a controller kind
 * accepts (`Always` for long-running workloads, `OnFailure`/`Never` for jobs).
 */
export function validatePodTemplate(
  template: unknown,
  path: string,
  options: { restart: string[]; activeDeadlineForbidden?: string; extraVolumeNames?: string[] },
): StatusCause[] {
  const allowedRestart = options.restart;
  const causes: StatusCause[] = [];
  const spec = get<Obj>(template, 'spec');
  if (!isObj(spec)) {
    causes.push({
      reason: 'FieldValueRequired',
      field: `${path}.spec.containers`,
      message: 'Required value',
    });
    return causes;
  }
  causes.push(...validateLabels(get(template, 'metadata', 'labels'), `${path}.metadata.labels`));
  causes.push(...validatePodSpec(spec, `${path}.spec`, { extraVolumeNames: options.extraVolumeNames }));
  const restart = spec.restartPolicy;
  if (typeof restart === 'string' && !allowedRestart.includes(restart)) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${path}.spec.restartPolicy`,
      message: `Unsupported value: "${restart}": supported values: ${allowedRestart.map((r) => `"${r}"`).join(', ')}`,
    });
  }
  const deadline = spec.activeDeadlineSeconds;
  if (options.activeDeadlineForbidden && deadline !== undefined && deadline !== null) {
    causes.push({
      reason: 'FieldValueForbidden',
      field: `${path}.spec.activeDeadlineSeconds`,
      message: `Forbidden: ${options.activeDeadlineForbidden}`,
    });
  }
  return causes;
}
