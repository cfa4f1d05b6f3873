/**
 * @module ProjectPages
 * Project overview (resource counts, linking to each list) and basic info (with the project's resource
 * quota and default container resources).
 */
import { Card, Col, Descriptions, Row, Statistic } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getResource, listResources } from '../../api/resources';
import { PROJECT_RESOURCES } from '../../resources/descriptors';
import { KINDS } from '../../resources/kinds';
import { aliasOf, creatorOf, descriptionOf, formatTime } from '../../resources/meta';
import { WORKSPACE_LABEL } from '../../layout/ScopeLayouts';
import { useCan } from '../../permissions/ScopeRules';
import { ProjectQuotaCards } from '../../workloads/ProjectQuotaCards';

export function ProjectOverviewPage() {
  const { t } = useTranslation();
  const { namespace = '' } = useParams();
  const entries = Object.entries(PROJECT_RESOURCES);
  const counts = useQueries({
    queries: entries.map(([route, d]) => ({
      queryKey: ['count', route, namespace],
      queryFn: () => listResources(d.ref, namespace, { limit: 1 }),
    })),
  });
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{namespace}</h2>
        {t('PROJECT_OVERVIEW_DESC')}
      </Card>
      <Row gutter={[16, 16]}>
        {entries.map(([route, d], i) => (
          <Col key={route} xs={12} md={8} xl={6}>
            <Card size="small">
              <Link to={`/projects/${namespace}/${route}`}>
                <Statistic title={t(d.title)} value={counts[i].data?.totalItems ?? '-'} />
              </Link>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

export function ProjectBaseInfoPage() {
  const { t, i18n } = useTranslation();
  const { namespace = '' } = useParams();
  const ns = useQuery({
    queryKey: ['namespace', namespace],
    queryFn: () => getResource(KINDS.namespaces, undefined, namespace),
  });
  const canEdit = useCan('project-settings', 'edit');
  return (
    <>
      <Card title={t('BASE_INFO')} loading={ns.isLoading}>
        {ns.data && (
          <Descriptions column={1}>
            <Descriptions.Item label={t('NAME')}>{namespace}</Descriptions.Item>
            <Descriptions.Item label={t('ALIAS')}>{aliasOf(ns.data) || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('WORKSPACE')}>
              {ns.data.metadata.labels?.[WORKSPACE_LABEL] ?? '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('DESCRIPTION')}>{descriptionOf(ns.data) || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('CREATOR')}>{creatorOf(ns.data) || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('CREATED_TIME')}>
              {formatTime(ns.data.metadata.creationTimestamp, i18n.language)}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <ProjectQuotaCards namespace={namespace} canEdit={canEdit} />
    </>
  );
}
