/**
 * @module WorkspacePages
 * Workspace overview (counts) and basic info (manager, creator, description).
 */
import { Card, Col, Descriptions, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { iam, tenant } from '../../api/iam';
import { creatorOf, descriptionOf, formatTime } from '../../resources/meta';
import { WorkspaceQuotaCard } from '../../workloads/WorkspaceQuotaCard';

export function WorkspaceOverviewPage() {
  const { t } = useTranslation();
  const { workspace = '' } = useParams();
  const projects = useQuery({
    queryKey: ['namespaces', workspace, 'count'],
    queryFn: () => tenant.listNamespaces(workspace, { limit: 1 }),
  });
  const members = useQuery({
    queryKey: ['members', workspace, 'count'],
    queryFn: () => iam.listMembers({ kind: 'workspace', workspace }, { limit: 1 }),
  });
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{workspace}</h2>
      </Card>
      <Row gutter={16}>
        <Col span={8}>
          <Card>
            <Statistic title={t('PROJECTS')} value={projects.data?.totalItems ?? '-'} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic title={t('WORKSPACE_MEMBERS')} value={members.data?.totalItems ?? '-'} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

export function WorkspaceBaseInfoPage() {
  const { t, i18n } = useTranslation();
  const { workspace = '' } = useParams();
  const ws = useQuery({ queryKey: ['workspace', workspace], queryFn: () => tenant.getWorkspace(workspace) });
  const spec = (ws.data?.spec ?? {}) as { template?: { spec?: { manager?: string } }; manager?: string };
  return (
    <>
      <Card title={t('BASE_INFO')} loading={ws.isLoading}>
        {ws.data && (
          <Descriptions column={1}>
            <Descriptions.Item label={t('NAME')}>{workspace}</Descriptions.Item>
            <Descriptions.Item label={t('WORKSPACE_MANAGER')}>
              {spec.template?.spec?.manager ?? spec.manager ?? '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('DESCRIPTION')}>{descriptionOf(ws.data) || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('CREATOR')}>{creatorOf(ws.data) || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('CREATED_TIME')}>
              {formatTime(ws.data.metadata.creationTimestamp, i18n.language)}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <WorkspaceQuotaCard workspace={workspace} />
    </>
  );
}
