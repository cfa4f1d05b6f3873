/**
 * @module WizardLauncher
 * Opens the create wizard of a kind (lazy-loaded with the wizard code) and submits through the
 * dry-run-then-create executor.
 */
import { useMemo } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { createResource } from '../api/resources';
import { useAuth } from '../auth/AuthContext';
import { submitObjects } from './model/submit';
import { resourceWizard } from './resource-wizards';
import { storageClassWizard } from './storageclass-wizard';
import { statefulSetWizard, workloadWizard, type WizardConfig } from './workload-wizards';
import { WizardModal } from './WizardModal';
import { syncWizardHpa } from '../workloads/wizard-hpa';

/** The wizard configuration for a wizard id (the list route segment). */
export function wizardFor(id: string, namespace: string): WizardConfig | undefined {
  switch (id) {
    case 'statefulsets':
      return statefulSetWizard(namespace);
    case 'deployments':
      return workloadWizard('Deployment', namespace);
    case 'daemonsets':
      return workloadWizard('DaemonSet', namespace);
    case 'jobs':
      return workloadWizard('Job', namespace);
    case 'cronjobs':
      return workloadWizard('CronJob', namespace);
    case 'storageclasses':
      return storageClassWizard();
    default:
      return resourceWizard(id, namespace);
  }
}

export default function WizardLauncher({
  wizard,
  namespace,
  onClose,
  onCreated,
}: {
  wizard: string;
  namespace: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const config = useMemo(() => wizardFor(wizard, namespace), [wizard, namespace]);
  if (!config) return null;
  return (
    <WizardModal
      {...config}
      onClose={onClose}
      onSubmit={async (draft) => {
        await submitObjects(
          { create: (ref, obj, opts) => createResource(ref, obj, opts) },
          syncWizardHpa(draft),
          session?.username ?? '',
        );
        message.success(t('CREATED_SUCCESS'));
        onCreated();
      }}
    />
  );
}
