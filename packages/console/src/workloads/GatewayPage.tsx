/**
 * @module workloads/GatewayPage
 * Project Settings › Internet Access: the project gateway (the platform's
 * `.../v1alpha2/namespaces/{ns}/router`): not set, NodePort with its node ports, or LoadBalancer with
 * its address; Set Gateway / Edit / Delete for project-settings managers, read-only otherwise.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { KeyValueEditor } from '../components/KeyValueEditor';
import { useCan } from '../permissions/ScopeRules';
import { gatewayApi, nullFor404 } from './api';
import { editableAnnotations, gatewayBody, gatewayState, type GatewayType } from './gateway';

function GatewayModal({
  namespace,
  initial,
  update,
  onClose,
}: {
  namespace: string;
  initial: { type: GatewayType; annotations: Record<string, string> };
  update: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [type, setType] = useState<GatewayType>(initial.type);
  const [annotations, setAnnotations] = useState(initial.annotations);
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={t(update ? 'EDIT_GATEWAY' : 'SET_GATEWAY')}
      okText={t('SAVE')}
      cancelText={t('CANCEL')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={async () => {
        setSaving(true);
        try {
          await gatewayApi.set(
            namespace,
            gatewayBody(type, type === 'LoadBalancer' ? annotations : {}),
            update,
          );
          await queryClient.invalidateQueries({ queryKey: ['gateway', namespace] });
          message.success(t('UPDATED_SUCCESS'));
          onClose();
        } catch (err) {
          message.error((err as Error).message);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form layout="vertical">
        <Form.Item label={t('ACCESS_METHOD')}>
          <Radio.Group
            value={type}
            onChange={(e) => setType(e.target.value as GatewayType)}
            aria-label={t('ACCESS_METHOD')}
          >
            <Radio value="NodePort">NodePort</Radio>
            <Radio value="LoadBalancer">LoadBalancer</Radio>
          </Radio.Group>
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {t(type === 'NodePort' ? 'GATEWAY_NODEPORT_DESC' : 'GATEWAY_LOADBALANCER_DESC')}
        </Typography.Paragraph>
        {type === 'LoadBalancer' && (
          <Form.Item label={t('ANNOTATIONS')}>
            <KeyValueEditor value={annotations} onChange={setAnnotations} addLabel="ADD_ANNOTATION" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function GatewayPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { namespace = '' } = useParams();
  const queryClient = useQueryClient();
  const canEdit = useCan('project-settings', 'edit');
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: ['gateway', namespace],
    queryFn: nullFor404(() => gatewayApi.get(namespace)),
  });
  const state = gatewayState(q.data);
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{t('INTERNET_ACCESS')}</h2>
        <Typography.Text type="secondary">{t('INTERNET_ACCESS_DESC')}</Typography.Text>
      </Card>
      <Card
        title={t('GATEWAY')}
        loading={q.isLoading}
        extra={
          canEdit &&
          (state.kind === 'none' ? (
            <Button type="primary" onClick={() => setEditing(true)}>
              {t('SET_GATEWAY')}
            </Button>
          ) : (
            <Space>
              <Button onClick={() => setEditing(true)}>{t('EDIT_GATEWAY')}</Button>
              <Popconfirm
                title={t('DELETE_GATEWAY_CONFIRM')}
                okText={t('OK')}
                cancelText={t('CANCEL')}
                onConfirm={async () => {
                  try {
                    await gatewayApi.remove(namespace);
                    await queryClient.invalidateQueries({ queryKey: ['gateway', namespace] });
                    message.success(t('DELETED_SUCCESS'));
                  } catch (err) {
                    message.error((err as Error).message);
                  }
                }}
              >
                <Button danger>{t('DELETE_GATEWAY')}</Button>
              </Popconfirm>
            </Space>
          ))
        }
      >
        {q.error && <Alert type="error" showIcon message={(q.error as Error).message} />}
        {state.kind === 'none' ? (
          <Empty description={t('GATEWAY_NOT_SET')} />
        ) : (
          <Descriptions column={1} size="small" data-testid="gateway-state">
            <Descriptions.Item label={t('ACCESS_METHOD')}>{state.type}</Descriptions.Item>
            <Descriptions.Item label={t('GATEWAY_ADDRESS')}>
              {state.address ?? (state.type === 'NodePort' ? t('ANY_NODE_IP') : t('PENDING'))}
            </Descriptions.Item>
            {state.clusterIP && (
              <Descriptions.Item label={t('VIRTUAL_IP')}>{state.clusterIP}</Descriptions.Item>
            )}
            <Descriptions.Item label={t(state.type === 'NodePort' ? 'NODE_PORTS' : 'PORTS')}>
              {state.ports.map((p) => (
                <Tag key={p.name + p.port}>{`${p.name}: ${p.nodePort ?? p.port}`}</Tag>
              ))}
            </Descriptions.Item>
            {Object.keys(editableAnnotations(state.annotations)).length > 0 && (
              <Descriptions.Item label={t('ANNOTATIONS')}>
                {Object.entries(editableAnnotations(state.annotations)).map(([k, v]) => (
                  <Tag key={k}>{`${k}=${v}`}</Tag>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Card>
      {editing && (
        <GatewayModal
          namespace={namespace}
          update={state.kind === 'set'}
          initial={
            state.kind === 'set'
              ? { type: state.type, annotations: editableAnnotations(state.annotations) }
              : { type: 'NodePort', annotations: {} }
          }
          onClose={() => setEditing(false)}
        />
      )}
    </>
  );
}

/** The gateway address line the Routes pages show above their content (nothing when not set). */
export function GatewayAddressNote({ namespace }: { namespace: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['gateway', namespace],
    queryFn: nullFor404(() => gatewayApi.get(namespace)),
    retry: false,
  });
  const state = gatewayState(q.data);
  if (state.kind === 'none') return null;
  const where =
    state.address ??
    state.ports.map((p) => `${p.name}: ${t('ANY_NODE_IP')}:${p.nodePort ?? p.port}`).join(', ');
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={`${t('GATEWAY_ADDRESS')} (${state.type}): ${where}`}
      data-testid="gateway-address"
    />
  );
}
