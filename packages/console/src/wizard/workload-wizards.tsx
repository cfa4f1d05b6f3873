/**
 * @module workload-wizards
 * Step configurations of the workload wizards. The StatefulSet wizard has the six steps of the 2.0
 * documentation: Basic Info, Pod Template, Volume Template, Service Configuration, Label Settings,
 * Node Selector.
 */
import type { Draft } from './model/draft';
import { isCronSchedule, readCronSettings } from './model/jobs';
import { applyStatefulSetBasic, applyStatefulSetPod, readService } from './model/statefulset';
import { randomSuffix, statefulSetDraft, workloadTemplate } from './model/templates';
import {
  applyBasic,
  applyPod,
  readBasic,
  readLabels,
  readPod,
  WORKLOAD_KINDS,
  type WorkloadKind,
} from './model/workload';
import { BasicInfoStep, basicProblems } from './steps/BasicInfoStep';
import { CronSettingsStep, JobSettingsStep } from './steps/JobSteps';
import { LabelsStep, labelProblems, NodeSelectorStep } from './steps/KeyValueSteps';
import { PodTemplateStep, podProblems } from './steps/PodTemplateStep';
import { ServiceStep, serviceProblems } from './steps/ServiceStep';
import { VolumeTemplatesStep } from './steps/VolumeTemplatesStep';
import type { StepDef } from './WizardModal';
import { WizardHpaStep } from '../workloads/WizardHpaStep';
import { wizardHpaProblems } from '../workloads/wizard-hpa';

export interface WizardConfig {
  title: string;
  steps: StepDef[];
  initialDraft: Draft;
  requiredKinds: string[];
}

function basicStep(
  wk: WorkloadKind,
  apply: (d: Draft, f: ReturnType<typeof readBasic>) => Draft,
  maxLength = 253,
): StepDef {
  return {
    key: 'basic',
    title: 'BASIC_INFO',
    render: (p) => (
      <BasicInfoStep value={readBasic(p.draft, wk)} onChange={(f) => p.setDraft(apply(p.draft, f))} />
    ),
    validate: (d) => basicProblems(readBasic(d, wk), maxLength),
  };
}

function podStep(
  wk: WorkloadKind,
  namespace: string,
  apply: (d: Draft, f: ReturnType<typeof readPod>) => Draft,
  requirePorts = false,
): StepDef {
  return {
    key: 'pod',
    title: 'POD_TEMPLATE',
    render: (p) => (
      <PodTemplateStep wk={wk} namespace={namespace} apply={apply} requirePorts={requirePorts} props={p} />
    ),
    validate: (d) => podProblems(readPod(d, wk)),
  };
}

const labelsStep = (wk: WorkloadKind): StepDef => ({
  key: 'labels',
  title: 'LABEL_SETTINGS',
  render: (p) => <LabelsStep wk={wk} props={p} />,
  validate: (d) => labelProblems(readLabels(d, wk), wk.selector),
});

const nodeSelectorStep = (wk: WorkloadKind): StepDef => ({
  key: 'node',
  title: 'NODE_SELECTOR',
  render: (p) => <NodeSelectorStep wk={wk} props={p} />,
});

/** The StatefulSet wizard (seed: 6 steps). `suffix` names the generated Service. */
export function statefulSetWizard(namespace: string, suffix = randomSuffix()): WizardConfig {
  const wk = WORKLOAD_KINDS.StatefulSet;
  return {
    title: 'CREATE_STATEFULSET',
    initialDraft: statefulSetDraft(namespace),
    requiredKinds: ['StatefulSet', 'Service'],
    steps: [
      basicStep(wk, (d, f) => applyStatefulSetBasic(d, f, suffix)),
      podStep(wk, namespace, applyStatefulSetPod, true),
      { key: 'volumes', title: 'VOLUME_TEMPLATE', render: (p) => <VolumeTemplatesStep props={p} /> },
      {
        key: 'service',
        title: 'SERVICE_CONFIGURATION',
        render: (p) => <ServiceStep props={p} />,
        validate: (d) => serviceProblems(readService(d)),
      },
      labelsStep(wk),
      nodeSelectorStep(wk),
    ],
  };
}

/** Deployment, DaemonSet, Job and CronJob wizards, built from the same steps. */
export function workloadWizard(
  kind: 'Deployment' | 'DaemonSet' | 'Job' | 'CronJob',
  namespace: string,
): WizardConfig {
  const wk = WORKLOAD_KINDS[kind];
  const basic = basicStep(
    wk,
    (d, f) => applyBasic(d, wk, f),
    kind === 'Job' || kind === 'CronJob' ? 63 : 253,
  );
  const pod = podStep(wk, namespace, (d, f) => applyPod(d, wk, f));
  const steps: StepDef[] =
    kind === 'Job'
      ? [
          basic,
          { key: 'job', title: 'JOB_SETTINGS', render: (p) => <JobSettingsStep kind="Job" props={p} /> },
          pod,
          labelsStep(wk),
        ]
      : kind === 'CronJob'
        ? [
            basic,
            {
              key: 'cron',
              title: 'CRONJOB_SETTINGS',
              render: (p) => <CronSettingsStep props={p} />,
              validate: (d) => (isCronSchedule(readCronSettings(d).schedule) ? [] : ['SCHEDULE_INVALID']),
            },
            {
              key: 'job',
              title: 'JOB_SETTINGS',
              render: (p) => <JobSettingsStep kind="CronJob" props={p} />,
            },
            pod,
            labelsStep(wk),
          ]
        : [
            basic,
            pod,
            ...(kind === 'Deployment'
              ? [
                  {
                    key: 'hpa',
                    title: 'HORIZONTAL_POD_AUTOSCALING',
                    render: (p) => <WizardHpaStep props={p} />,
                    validate: wizardHpaProblems,
                  } satisfies StepDef,
                ]
              : []),
            labelsStep(wk),
            ...(kind === 'Deployment' ? [nodeSelectorStep(wk)] : []),
          ];
  return {
    title: `CREATE_${kind.toUpperCase()}`,
    initialDraft: [workloadTemplate(kind, namespace)],
    requiredKinds: [kind],
    steps,
  };
}
