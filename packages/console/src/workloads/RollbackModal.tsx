/**
 * @module workloads/RollbackModal
 * "Revision Rollback": pick a revision (#N, the current one marked and not selectable) and restore its
 * pod template: a JSON patch from the ReplicaSet (Deployments) or the ControllerRevision's data as a
 * strategic merge patch (StatefulSets, DaemonSets).
 */
import { useState } from 'react';
import { Alert, App, Empty, Form, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { listKube } from '../api/resources';
import { KINDS, kindByName } from '../resources/kinds';
import { formatTime } from '../resources/meta';
import { selectorString } from '../resources/detail/selectors';
import { patchWithType } from './api';
import { revisionEntries, rollbackPatch } from './rollback';

export default function RollbackModal({ workload, onClose }: { workload: KubeObject; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<string>();
  const [saving, setSaving] = useState(false);
  const kind = workload.kind === 'Deployment' ? KINDS.replicasets : KINDS.controllerrevisions;
  const q = useQuery({
    queryKey: ['revisions', kind.plural, workload.metadata.namespace, workload.metadata.uid],
    queryFn: () => listKube(kind, workload.metadata.namespace, { labelSelector: selectorString(workload) }),
  });
  const entries = revisionEntries(workload, q.data?.items ?? []);
  const chosen = entries.find((e) => e.name === choice);
  return (
    <Modal
      open
      title={t('REVISION_ROLLBACK')}
      okText={t('ROLLBACK')}
      cancelText={t('CANCEL')}
      okButtonProps={{ disabled: !chosen }}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={async () => {
        if (!chosen) return;
        setSaving(true);
        try {
          const { patch, contentType } = rollbackPatch(workload, chosen.source);
          await patchWithType(
            kindByName(workload.kind ?? '') ?? KINDS.deployments,
            workload.metadata.namespace,
            workload.metadata.name ?? '',
            patch,
            contentType,
          );
          await queryClient.invalidateQueries({ queryKey: ['revisions'] });
          message.success(t('ROLLBACK_STARTED', { revision: chosen.revision }));
          onClose();
        } catch (err) {
          message.error((err as Error).message);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('REVISION_ROLLBACK_DESC')}</Typography.Paragraph>
      {q.error && <Alert type="error" showIcon message={(q.error as Error).message} />}
      {!q.isLoading && entries.length === 0 && <Empty description={t('NO_REVISIONS')} />}
      <Form layout="vertical">
        <Form.Item label={t('ROLLBACK_TO_REVISION')}>
          <Radio.Group
            value={choice}
            onChange={(e) => setChoice(e.target.value as string)}
            aria-label={t('ROLLBACK_TO_REVISION')}
          >
            <Space direction="vertical">
              {entries.map((e) => (
                <Radio key={e.name} value={e.name} disabled={e.current} aria-label={`#${e.revision}`}>
                  <b>#{e.revision}</b> {e.current && <Tag color="green">{t('CURRENT')}</Tag>}
                  <Typography.Text type="secondary">
                    {e.images.join(', ')} · {formatTime(e.created, i18n.language)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
