/**
 * @module workloads/wizard-hpa
 * The Deployment wizard's optional Horizontal Pod Autoscaling section (2.0 had it in the wizard): the
 * HPA travels in the wizard's draft next to the Deployment, which carries `kubesphere.io/relatedHPA`.
 * `syncWizardHpa` renames the HPA and its target after the Deployment right before submitting. Pure.
 */
import type { KubeObject } from '@sphere/shared';
import type { Draft } from '../wizard/model/draft';
import { hpaForm, hpaObject, RELATED_HPA, validateHpaForm, type HpaForm } from './hpa';

const HPA_KIND = 'HorizontalPodAutoscaler';
const deploymentOf = (d: Draft) => d.find((o) => o.kind === 'Deployment');

/** The wizard's HPA form, or undefined when autoscaling is off. */
export function readWizardHpa(draft: Draft): HpaForm | undefined {
  const hpa = draft.find((o) => o.kind === HPA_KIND);
  return hpa ? hpaForm(hpa) : undefined;
}

function withAnnotation(d: KubeObject, value: string | undefined): KubeObject {
  const annotations = { ...(d.metadata.annotations ?? {}) };
  if (value) annotations[RELATED_HPA] = value;
  else delete annotations[RELATED_HPA];
  return { ...d, metadata: { ...d.metadata, annotations } };
}

/** Turns autoscaling on (with the form) or off (undefined). */
export function applyWizardHpa(draft: Draft, form: HpaForm | undefined): Draft {
  const deploy = deploymentOf(draft);
  if (!deploy) return draft;
  const rest = draft.filter((o) => o.kind !== HPA_KIND);
  if (!form) return rest.map((o) => (o === deploy ? withAnnotation(o, undefined) : o));
  const hpa = hpaObject({ ...deploy, kind: 'Deployment', apiVersion: 'apps/v1' }, form);
  return [...rest.map((o) => (o === deploy ? withAnnotation(o, hpa.metadata.name) : o)), hpa];
}

/** Re-derives the HPA from the Deployment's final name and namespace (no-op without an HPA). */
export function syncWizardHpa(draft: Draft): Draft {
  const form = readWizardHpa(draft);
  return form ? applyWizardHpa(draft, form) : draft;
}

/** Problems of the wizard section (none when autoscaling is off). */
export function wizardHpaProblems(draft: Draft): string[] {
  const form = readWizardHpa(draft);
  return form ? validateHpaForm(form) : [];
}
