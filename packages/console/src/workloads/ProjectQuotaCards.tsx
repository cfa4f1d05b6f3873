/**
 * @module workloads/ProjectQuotaCards
 * Project Settings › Basic Information cards: Resource Quota (the project's ResourceQuota, used of hard
 * per KubeSphere's QUOTAS_MAP field, editable by project-settings managers) and Default Container
 * Resources (the LimitRange's Container defaults).
 */
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, Modal, Progress, Row, Table } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { createResource, listKube, updateResource } from '../api/resources';
import { EXTRA_KINDS } from './api';
import {
  limitRangeObject,
  limitsForm,
  pickLimitRange,
  pickQuota,
  QUOTA_FIELDS,
  quotaForm,
  quotaObject,
  quotaRows,
  validateLimitsForm,
  validateQuotaForm,
  type LimitsForm,
} from './quota';

/** The four default-resource inputs (shared with the project create wizard). */

/**
 * Saves the project's quota or LimitRange: replaces it when the project has one (`exists`), creates it
 * otherwise, refreshes that kind's list and reports the outcome. Resolves true when saved.
 */
function useSaveProjectObject(namespace: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return async (kind: typeof EXTRA_KINDS.resourcequotas, build: () => KubeObject, exists: boolean) => {
    try {
      const obj = build();
      await (exists ? updateResource(kind, obj) : createResource(kind, obj));
      await queryClient.invalidateQueries({ queryKey: [kind.plural, namespace] });
      message.success(t('UPDATED_SUCCESS'));
      return true;
    } catch (err) {
      message.error((err as Error).message);
      return false;
    }
  };
}

export function LimitsFields() {
  const { t } = useTranslation();
  const field = (name: keyof LimitsForm, label: string, placeholder: string) => (
    <Col span={12}>
      <Form.Item name={name} label={t(label)}>
        <Input placeholder={placeholder} />
      </Form.Item>
    </Col>
  );
  return (
    <Row gutter={16}>
      {field('requestsCpu', 'DEFAULT_CPU_REQUEST', '10m')}
      {field('limitsCpu', 'DEFAULT_CPU_LIMIT', '500m')}
      {field('requestsMemory', 'DEFAULT_MEMORY_REQUEST', '10Mi')}
      {field('limitsMemory', 'DEFAULT_MEMORY_LIMIT', '500Mi')}
    </Row>
  );
}

/** Applies per-field problem keys to an antd form; true when there were none. */
function showProblems(
  form: FormInstance,
  problems: Record<string, string>,
  t: (k: string) => string,
): boolean {
  form.setFields(Object.entries(problems).map(([name, key]) => ({ name: [name], errors: [t(key)] })));
  return Object.keys(problems).length === 0;
}

function QuotaCard({ namespace, canEdit }: { namespace: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useSaveProjectObject(namespace);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['resourcequotas', namespace],
    queryFn: () => listKube(EXTRA_KINDS.resourcequotas, namespace),
    refetchInterval: 10_000,
  });
  const rq = pickQuota(namespace, q.data?.items ?? []);
  // antd treats dots in names as paths: address each key as a one-element path.
  const toFields = (f: Record<string, string>) =>
    QUOTA_FIELDS.map((x) => ({ name: [x.key], value: f[x.key] ?? '' }));
  return (
    <Card
      title={t('RESOURCE_QUOTA')}
      style={{ marginTop: 16 }}
      loading={q.isLoading}
      extra={
        canEdit && (
          <Button
            onClick={() => {
              form.setFields(toFields(quotaForm(rq)));
              setOpen(true);
            }}
          >
            {t('EDIT_QUOTA')}
          </Button>
        )
      }
    >
      {q.error ? (
        String((q.error as Error).message)
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          aria-label={t('RESOURCE_QUOTA')}
          dataSource={quotaRows(rq)}
          columns={[
            {
              key: 'label',
              title: t('RESOURCE'),
              render: (_, r) => (r.label === r.key ? r.key : t(r.label)),
            },
            { key: 'used', title: t('USED'), dataIndex: 'used' },
            {
              key: 'hard',
              title: t('QUOTA_HARD'),
              render: (_, r) => (r.hard === '-' ? t('UNLIMITED') : r.hard),
            },
            {
              key: 'ratio',
              title: t('USAGE'),
              width: 160,
              render: (_, r) =>
                r.ratio === undefined ? null : (
                  <Progress
                    percent={Math.round(r.ratio * 100)}
                    size="small"
                    status={r.ratio >= 1 ? 'exception' : 'normal'}
                    aria-label={`${r.key} ${Math.round(r.ratio * 100)}%`}
                  />
                ),
            },
          ]}
        />
      )}
      <Modal
        open={open}
        title={t('EDIT_QUOTA')}
        okText={t('SAVE')}
        cancelText={t('CANCEL')}
        width={640}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const values: Record<string, string> = { ...quotaForm(rq) };
          for (const f of QUOTA_FIELDS) values[f.key] = String(form.getFieldValue([f.key]) ?? '');
          if (!showProblems(form, validateQuotaForm(values), t)) return;
          const saved = await save(
            EXTRA_KINDS.resourcequotas,
            () => quotaObject(namespace, values, rq),
            !!rq,
          );
          if (saved) setOpen(false);
        }}
      >
        <p className="sphere-help">{t('EDIT_QUOTA_DESC')}</p>
        <Form form={form} layout="vertical">
          <Row gutter={16}>
            {QUOTA_FIELDS.map((f) => (
              <Col span={12} key={f.key}>
                <Form.Item name={[f.key]} label={t(f.label)}>
                  <Input placeholder={f.unit === 'cpu' ? '2' : f.unit === 'memory' ? '4Gi' : '10'} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}

function LimitsCard({ namespace, canEdit }: { namespace: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useSaveProjectObject(namespace);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['limitranges', namespace],
    queryFn: () => listKube(EXTRA_KINDS.limitranges, namespace),
  });
  const lr: KubeObject | undefined = pickLimitRange(q.data?.items ?? []);
  const cur = limitsForm(lr);
  const show = (v: string) => v || t('NOT_SET');
  return (
    <Card
      title={t('DEFAULT_CONTAINER_RESOURCES')}
      style={{ marginTop: 16 }}
      loading={q.isLoading}
      extra={
        canEdit && (
          <Button
            onClick={() => {
              form.setFieldsValue(cur);
              setOpen(true);
            }}
          >
            {t('EDIT_DEFAULT_RESOURCES')}
          </Button>
        )
      }
    >
      <Descriptions column={2} size="small">
        <Descriptions.Item label={t('DEFAULT_CPU_REQUEST')}>{show(cur.requestsCpu)}</Descriptions.Item>
        <Descriptions.Item label={t('DEFAULT_CPU_LIMIT')}>{show(cur.limitsCpu)}</Descriptions.Item>
        <Descriptions.Item label={t('DEFAULT_MEMORY_REQUEST')}>{show(cur.requestsMemory)}</Descriptions.Item>
        <Descriptions.Item label={t('DEFAULT_MEMORY_LIMIT')}>{show(cur.limitsMemory)}</Descriptions.Item>
      </Descriptions>
      <Modal
        open={open}
        title={t('EDIT_DEFAULT_RESOURCES')}
        okText={t('SAVE')}
        cancelText={t('CANCEL')}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = { ...cur, ...(form.getFieldsValue() as Partial<LimitsForm>) };
          const values: LimitsForm = {
            limitsCpu: v.limitsCpu ?? '',
            limitsMemory: v.limitsMemory ?? '',
            requestsCpu: v.requestsCpu ?? '',
            requestsMemory: v.requestsMemory ?? '',
          };
          if (!showProblems(form, validateLimitsForm(values), t)) return;
          const saved = await save(
            EXTRA_KINDS.limitranges,
            () => limitRangeObject(namespace, values, lr),
            !!lr,
          );
          if (saved) setOpen(false);
        }}
      >
        <p className="sphere-help">{t('DEFAULT_CONTAINER_RESOURCES_DESC')}</p>
        <Form form={form} layout="vertical">
          <LimitsFields />
        </Form>
      </Modal>
    </Card>
  );
}

/** Both cards; editing needs `project-settings` edit rights. */
export function ProjectQuotaCards({ namespace, canEdit }: { namespace: string; canEdit: boolean }) {
  return (
    <>
      <QuotaCard namespace={namespace} canEdit={canEdit} />
      <LimitsCard namespace={namespace} canEdit={canEdit} />
    </>
  );
}
