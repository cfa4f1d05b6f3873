/**
 * @module DeleteDialog
 * Deletes one or more objects after the user typed their names. For workloads it also lists the
 * related Services and volume claims (unchecked by default) so they can be deleted together.
 */
import { useState } from 'react';
import { App, Checkbox, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { deleteResource, listKube } from '../api/resources';
import { DeleteConfirm } from '../components/DeleteConfirm';
import type { ResourceDescriptor } from './descriptor';
import { KINDS, kindByName, type KindRef } from './kinds';
import { relatedClaims, relatedHpas, relatedServices } from './related';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const RELATED_LABELS: Record<string, string> = {
  Service: 'SERVICE',
  PersistentVolumeClaim: 'VOLUME',
  HorizontalPodAutoscaler: 'HORIZONTAL_POD_AUTOSCALER',
};

export function DeleteDialog({
  descriptor,
  objects,
  onClose,
  onDeleted,
}: {
  descriptor: ResourceDescriptor;
  objects: KubeObject[] | null;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [checked, setChecked] = useState<string[]>([]);
  const namespace = objects?.[0]?.metadata.namespace;
  const isWorkload = WORKLOADS.has(descriptor.ref.kind) && !!objects?.length;
  const related = useQuery({
    queryKey: ['related', namespace, objects?.map((o) => o.metadata.uid)],
    enabled: isWorkload,
    queryFn: async () => {
      const isDeployment = descriptor.ref.kind === 'Deployment';
      const [svcs, pvcs, hpas] = await Promise.all([
        listKube(KINDS.services, namespace),
        listKube(KINDS.persistentvolumeclaims, namespace),
        isDeployment ? listKube(KINDS.horizontalpodautoscalers, namespace) : { items: [] as KubeObject[] },
      ]);
      const withKind = (o: KubeObject, kind: string) => ({ ...o, kind });
      const all = (objects ?? []).flatMap((w) => [
        ...relatedServices({ ...w, kind: descriptor.ref.kind }, svcs.items).map((s) =>
          withKind(s, 'Service'),
        ),
        ...relatedClaims(w, pvcs.items).map((c) => withKind(c, 'PersistentVolumeClaim')),
        ...relatedHpas({ ...w, kind: descriptor.ref.kind }, hpas.items).map((h) =>
          withKind(h, 'HorizontalPodAutoscaler'),
        ),
      ]);
      return [...new Map(all.map((o) => [`${o.kind}/${o.metadata.name}`, o])).values()];
    },
  });
  const extra = related.data ?? [];
  const keyOf = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
  const close = () => {
    setChecked([]);
    onClose();
  };
  return (
    <DeleteConfirm
      open={!!objects}
      kindLabel={descriptor.title}
      names={(objects ?? []).map((o) => o.metadata.name ?? '')}
      onCancel={close}
      extra={
        extra.length > 0 && (
          <Space direction="vertical" style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('DELETE_RELATED')}</Typography.Text>
            <Checkbox.Group
              value={checked}
              onChange={(v) => setChecked(v as string[])}
              options={extra.map((o) => ({
                value: keyOf(o),
                label: `${t(RELATED_LABELS[o.kind ?? ''] ?? 'VOLUME')}: ${o.metadata.name}`,
              }))}
            />
          </Space>
        )
      }
      onConfirm={async () => {
        const targets: { ref: KindRef; obj: KubeObject }[] = [
          ...(objects ?? []).map((obj) => ({ ref: descriptor.ref, obj })),
          ...extra
            .filter((o) => checked.includes(keyOf(o)))
            .map((obj) => ({ ref: kindByName(obj.kind ?? '') ?? KINDS.services, obj })),
        ];
        const results = await Promise.allSettled(
          targets.map(({ ref, obj }) => deleteResource(ref, obj.metadata.namespace, obj.metadata.name ?? '')),
        );
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) message.error((failed.reason as Error).message);
        else message.success(t('DELETED_SUCCESS'));
        close();
        onDeleted();
      }}
    />
  );
}
