/**
 * @module registry/batch/job-rules
 * Job spec rules shared by Jobs and CronJob job templates, and the checks on generated selectors.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { matchesLabelSelector, type LabelSelector } from '@sphere/shared';
import { validatePodTemplate } from '../apps/pod-template';
import {
  get,
  goLabelSelector,
  invalidRendered,
  isObj,
  nonNegative,
  validateSelectorMatchesTemplate,
  type Obj,
} from '../apps/support';

const controllerUidLabel = 'batch.kubernetes.io/controller-uid';
const jobNameLabel = 'batch.kubernetes.io/job-name';

/** `ValidateHasLabel`: the template must carry `key=value`. */
function requireTemplateLabel(obj: KubeObject, key: string, value: string): StatusCause[] {
  const labels = get<Record<string, string>>(obj, 'spec', 'template', 'metadata', 'labels') ?? {};
  const field = `spec.template.metadata.labels[${key}]`;
  if (!(key in labels))
    return [{ reason: 'FieldValueRequired', field, message: `Required value: must be '${value}'` }];
  if (labels[key] !== value)
    return [invalidRendered(field, JSON.stringify(labels[key]), `must be '${value}'`)];
  return [];
}

/**
 * For jobs without `manualSelector: true`: the uid exists, the template carries the generated labels, and
 * the selector selects exactly what was generated (else "`selector` not auto-generated").
 */
export function validateGeneratedSelector(obj: KubeObject): StatusCause[] {
  const spec = (obj.spec ?? {}) as Obj;
  if (spec.manualSelector === true || !isObj(spec.selector)) return [];
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  const causes: StatusCause[] = [];
  if (!uid) causes.push({ reason: 'FieldValueRequired', field: 'metadata.uid', message: 'Required value' });
  causes.push(...requireTemplateLabel(obj, controllerUidLabel, uid));
  causes.push(...requireTemplateLabel(obj, jobNameLabel, name));
  causes.push(...requireTemplateLabel(obj, 'controller-uid', uid));
  causes.push(...requireTemplateLabel(obj, 'job-name', name));
  const selector = spec.selector as LabelSelector;
  let matches = true;
  try {
    matches = matchesLabelSelector(selector, {
      [controllerUidLabel]: uid,
      [jobNameLabel]: name,
      'controller-uid': uid,
      'job-name': name,
    });
  } catch {
    // Invalid selectors are reported by the selector validation itself.
  }
  if (!matches)
    causes.push(invalidRendered('spec.selector', goLabelSelector(selector), '`selector` not auto-generated'));
  return causes;
}

const completionModes = ['NonIndexed', 'Indexed'];

/**
 * Rules of a JobSpec at `path`. `topLevel` distinguishes a Job (selector required and matched against the
 * template) from a CronJob's job template (selector must be left to the server).
 */
export function validateJobSpec(spec: Obj, path: string, topLevel: boolean): StatusCause[] {
  const causes: StatusCause[] = [
    ...nonNegative(spec.parallelism, `${path}.parallelism`),
    ...nonNegative(spec.completions, `${path}.completions`),
    ...nonNegative(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`),
    ...nonNegative(spec.backoffLimit, `${path}.backoffLimit`),
    ...nonNegative(spec.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`),
  ];
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null && !completionModes.includes(String(mode))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${path}.completionMode`,
      message: `Unsupported value: "${String(mode)}": supported values: "NonIndexed", "Indexed"`,
    });
  }
  if (mode === 'Indexed' && (spec.completions === undefined || spec.completions === null)) {
    causes.push({
      reason: 'FieldValueRequired',
      field: `${path}.completions`,
      message: 'Required value: when completion mode is Indexed',
    });
  }
  causes.push(...validatePodTemplate(spec.template, `${path}.template`, { restart: ['OnFailure', 'Never'] }));
  if (topLevel) {
    causes.push(
      ...validateSelectorMatchesTemplate(spec, 'job', path).filter(
        (c) => !c.message?.includes('empty selector'),
      ),
    );
  } else {
    if (spec.selector !== undefined && spec.selector !== null) {
      causes.push(
        invalidRendered(
          `${path}.selector`,
          goLabelSelector(spec.selector as LabelSelector),
          '`selector` will be auto-generated',
        ),
      );
    }
    if (spec.manualSelector === true) {
      causes.push({
        reason: 'FieldValueNotSupported',
        field: `${path}.manualSelector`,
        message: 'Unsupported value: true: supported values: "nil", "false"',
      });
    }
  }
  return causes;
}
