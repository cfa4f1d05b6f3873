/**
 * @module WorkspacesPage
 * Platform › Workspaces: card grid with search and paging; create = a WorkspaceTemplate with a manager.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Pagination,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { iam, tenant } from '../../api/iam';
import { useAuth } from '../../auth/AuthContext';
import { useCan } from '../../permissions/ScopeRules';
import { DESCRIPTION, descriptionOf, CREATOR } from '../../resources/meta';
import { formatListState, parseListState } from '../../resources/list-state';

/** The WorkspaceTemplate the create form submits (KubeSphere 3.x shape). */
export function workspaceTemplate(name: string, manager: string, description: string, creator: string) {
  return {
    apiVersion: 'tenant.kubesphere.io/v1alpha2',
    kind: 'WorkspaceTemplate',
    metadata: {
      name,
      annotations: { ...(description ? { [DESCRIPTION]: description } : {}), [CREATOR]: creator },
    },
    spec: { template: { spec: { manager } } },
  };
}

export function WorkspacesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const state = parseListState(params);
  const canCreate = useCan('workspaces', 'create');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['workspaces', state.name, state.page],
    queryFn: () => tenant.listWorkspaces({ name: state.name, page: state.page, limit: 12 }),
  });
  const users = useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => iam.listUsers({ limit: 100 }),
    enabled: open,
  });
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{t('WORKSPACES')}</h2>
        <Typography.Text type="secondary">{t('WORKSPACES_DESC')}</Typography.Text>
      </Card>
      <Space style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('SEARCH_BY_NAME')}
          defaultValue={state.name}
          onSearch={(v) => setParams(formatListState({ ...state, name: v || undefined, page: 1 }))}
        />
        {canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="create-button"
          >
            {t('CREATE')}
          </Button>
        )}
      </Space>
      {q.data && q.data.items.length === 0 && (
        <Empty description={state.name ? t('NO_MATCH') : t('NO_WORKSPACES')} />
      )}
      <Row gutter={[16, 16]}>
        {(q.data?.items ?? []).map((w) => (
          <Col key={w.metadata.name} xs={24} md={12} xl={8}>
            <Card
              title={<Link to={`/workspaces/${w.metadata.name}/overview`}>{w.metadata.name}</Link>}
              size="small"
            >
              <Typography.Text type="secondary">{descriptionOf(w) || t('NO_DESCRIPTION')}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Pagination
        style={{ marginTop: 16 }}
        current={state.page}
        pageSize={12}
        total={q.data?.totalItems ?? 0}
        onChange={(page) => setParams(formatListState({ ...state, page }))}
      />
      <Modal
        open={open}
        title={t('CREATE_WORKSPACE')}
        okText={t('CREATE')}
        cancelText={t('CANCEL')}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await tenant.createWorkspace(
              workspaceTemplate(v.name, v.manager, v.description ?? '', session?.username ?? ''),
            );
            message.success(t('CREATED_SUCCESS'));
            setOpen(false);
            form.resetFields();
            void queryClient.invalidateQueries({ queryKey: ['workspaces'] });
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ manager: session?.username }}>
          <Form.Item
            name="name"
            label={t('NAME')}
            rules={[
              {
                required: true,
                pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
                max: 63,
                message: t('NAME_RULE'),
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="manager" label={t('WORKSPACE_MANAGER')} rules={[{ required: true }]}>
            <Select
              showSearch
              options={(users.data?.items ?? []).map((u) => ({
                value: u.metadata.name,
                label: u.metadata.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="description" label={t('DESCRIPTION')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
