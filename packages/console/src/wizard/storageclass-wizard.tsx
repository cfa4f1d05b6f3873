/**
 * @module storageclass-wizard
 * The StorageClass wizard, as KubeSphere's: Basic Info (name, alias, description, allow volume
 * expansion, reclaim policy) → Storage System (QingCloud CSI, Local, NFS or a custom provisioner; volume
 * binding mode) → Settings (provisioner parameters as key/values).
 */
import { Form, Input, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { KeyValueEditor } from '../components/KeyValueEditor';
import * as m from './model/resources';
import * as sc from './model/storageclass';
import { BasicInfoStep, basicProblems } from './steps/BasicInfoStep';
import type { StepProps } from './WizardModal';
import type { WizardConfig } from './workload-wizards';

const first = (p: StepProps) => p.draft[0] as sc.StorageClassObject;

function BasicStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const o = first(props);
  const opts = sc.readScOptions(o);
  const set = (patch: Partial<sc.ScOptions>) =>
    props.setDraft(sc.applyScOptions(props.draft, o, { ...opts, ...patch }));
  return (
    <>
      <BasicInfoStep
        value={m.readObjectBasic(o)}
        onChange={(f) => props.setDraft(m.applyObjectBasic(props.draft, o, f))}
      />
      <Form layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item label={t('ALLOW_VOLUME_EXPANSION')} extra={t('ALLOW_VOLUME_EXPANSION_DESC')}>
          <Switch
            aria-label={t('ALLOW_VOLUME_EXPANSION')}
            checked={opts.allowVolumeExpansion}
            onChange={(allowVolumeExpansion) => set({ allowVolumeExpansion })}
          />
        </Form.Item>
        <Form.Item label={t('RECLAIM_POLICY')} extra={t('RECLAIM_POLICY_DESC')}>
          <Radio.Group
            aria-label={t('RECLAIM_POLICY')}
            value={opts.reclaimPolicy}
            onChange={(e) => set({ reclaimPolicy: e.target.value as sc.ScOptions['reclaimPolicy'] })}
            options={[
              { value: 'Delete', label: t('RECLAIM_DELETE') },
              { value: 'Retain', label: t('RECLAIM_RETAIN') },
            ]}
          />
        </Form.Item>
      </Form>
    </>
  );
}

function SystemStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const o = first(props);
  const system = sc.systemOf(o.provisioner);
  return (
    <Form layout="vertical" style={{ maxWidth: 640 }}>
      <Form.Item label={t('STORAGE_SYSTEM')}>
        <Radio.Group
          aria-label={t('STORAGE_SYSTEM')}
          value={system.id}
          optionType="button"
          onChange={(e) =>
            props.setDraft(sc.applyStorageSystem(props.draft, o, e.target.value as sc.StorageSystem['id']))
          }
          options={sc.STORAGE_SYSTEMS.map((s) => ({ value: s.id, label: t(s.label) }))}
        />
      </Form.Item>
      <Form.Item label={t('PROVISIONER')} extra={t('PROVISIONER_DESC')} htmlFor="sc-provisioner">
        <Input
          id="sc-provisioner"
          value={o.provisioner}
          disabled={system.id !== 'custom'}
          onChange={(e) => props.setDraft(sc.applyProvisioner(props.draft, o, e.target.value.trim()))}
        />
      </Form.Item>
      <Form.Item label={t('VOLUME_BINDING_MODE')} extra={t('VOLUME_BINDING_MODE_DESC')}>
        <Select
          aria-label={t('VOLUME_BINDING_MODE')}
          style={{ width: 260 }}
          value={o.volumeBindingMode ?? 'Immediate'}
          onChange={(v: 'Immediate' | 'WaitForFirstConsumer') =>
            props.setDraft(sc.applyBindingMode(props.draft, o, v))
          }
          options={[
            { value: 'Immediate', label: t('BINDING_IMMEDIATE') },
            { value: 'WaitForFirstConsumer', label: t('BINDING_WAIT') },
          ]}
        />
      </Form.Item>
    </Form>
  );
}

function SettingsStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const o = first(props);
  return (
    <Form layout="vertical">
      <Form.Item label={t('PARAMETERS')} extra={t('SC_PARAMETERS_DESC')}>
        <KeyValueEditor
          // Remount when the provisioner changes: its parameters replace the previous rows.
          key={o.provisioner}
          value={o.parameters ?? {}}
          onChange={(v) => props.setDraft(sc.applyParameters(props.draft, o, v))}
          addLabel="ADD_PARAMETER"
        />
      </Form.Item>
    </Form>
  );
}

/** The StorageClass create wizard. */
export function storageClassWizard(): WizardConfig {
  return {
    title: 'CREATE_STORAGE_CLASS',
    initialDraft: [sc.storageClassTemplate()],
    requiredKinds: ['StorageClass'],
    steps: [
      {
        key: 'basic',
        title: 'BASIC_INFO',
        render: (p) => <BasicStep props={p} />,
        validate: (d) => basicProblems(m.readObjectBasic(d[0])),
      },
      {
        key: 'system',
        title: 'STORAGE_SYSTEM',
        render: (p) => <SystemStep props={p} />,
        validate: (d) => sc.storageSystemProblems(d[0] as sc.StorageClassObject),
      },
      { key: 'settings', title: 'SC_SETTINGS', render: (p) => <SettingsStep props={p} /> },
    ],
  };
}
