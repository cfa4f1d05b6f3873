/**
 * @module KeyValueSteps
 * Steps 5 and 6: labels and node selector (key/value pairs; a node can also be picked directly).
 */
import { Form, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listKube } from '../../api/resources';
import { KeyValueEditor } from '../../components/KeyValueEditor';
import { KINDS } from '../../resources/kinds';
import {
  applyLabels,
  applyNodeSelector,
  readLabels,
  readNodeSelector,
  type KeyValues,
  type WorkloadKind,
} from '../model/workload';
import type { StepProps } from '../WizardModal';

const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Problems of a label map (i18n keys): valid keys/values, at least one label for the selector. */
export function labelProblems(labels: KeyValues, required = true): string[] {
  if (required && Object.keys(labels).length === 0) return ['LABELS_REQUIRED'];
  const bad = Object.entries(labels).some(
    ([k, v]) => !LABEL_KEY.test(k) || k.length > 316 || !LABEL_VALUE.test(v) || v.length > 63,
  );
  return bad ? ['LABEL_INVALID'] : [];
}

export function LabelsStep({ wk, props }: { wk: WorkloadKind; props: StepProps }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('LABELS_DESC')}</Typography.Paragraph>
      <KeyValueEditor
        value={readLabels(props.draft, wk)}
        onChange={(labels) => props.setDraft(applyLabels(props.draft, wk, labels))}
        addLabel="ADD_LABEL"
      />
    </>
  );
}

export function NodeSelectorStep({ wk, props }: { wk: WorkloadKind; props: StepProps }) {
  const { t } = useTranslation();
  const nodes = useQuery({ queryKey: ['nodes', 'options'], queryFn: () => listKube(KINDS.nodes, undefined) });
  const current = readNodeSelector(props.draft, wk);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('NODE_SELECTOR_DESC')}</Typography.Paragraph>
      <Form.Item label={t('SELECT_NODE')}>
        <Select
          allowClear
          style={{ width: 320 }}
          value={current['kubernetes.io/hostname']}
          onChange={(node?: string) => {
            const { 'kubernetes.io/hostname': _old, ...rest } = current;
            props.setDraft(
              applyNodeSelector(props.draft, wk, node ? { ...rest, 'kubernetes.io/hostname': node } : rest),
            );
          }}
          options={(nodes.data?.items ?? []).map((n) => ({ value: n.metadata.name, label: n.metadata.name }))}
        />
      </Form.Item>
      <KeyValueEditor
        key={current['kubernetes.io/hostname'] ?? ''}
        value={current}
        onChange={(sel) => props.setDraft(applyNodeSelector(props.draft, wk, sel))}
        addLabel="ADD_NODE_SELECTOR"
      />
    </>
  );
}
