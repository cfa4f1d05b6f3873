/**
 * @module AccountDetailPage
 * One account: attributes, operations (More: Edit, Reset Password, Disable/Enable, Delete) and login
 * history.
 */
import { Badge, Breadcrumb, Card, Col, Descriptions, Result, Row, Spin, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { KubeObject } from '@sphere/shared';
import { iam } from '../../api/iam';
import { formatTime } from '../../resources/meta';
import { AccountActions } from './AccountActions';
import { accountStatus, DESCRIPTION_ANNOTATION, GLOBALROLE_ANNOTATION } from './account-model';

type Any = Record<string, unknown>;

export function AccountDetailPage() {
  const { t, i18n } = useTranslation();
  const { name = '' } = useParams();
  const navigate = useNavigate();
  const user = useQuery({ queryKey: ['user', name], queryFn: () => iam.getUser(name) });
  const records = useQuery({ queryKey: ['loginrecords', name], queryFn: () => iam.loginRecords(name) });
  if (user.isLoading) return <Spin />;
  const u = user.data;
  if (!u) return <Result status="404" title={(user.error as Error | null)?.message ?? t('NOT_FOUND')} />;
  const state = accountStatus(u.status?.state);
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/accounts">{t('ACCOUNTS')}</Link> }, { title: name }]}
      />
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card
            title={name}
            extra={
              <AccountActions
                user={u}
                variant="detail"
                onChanged={() => void user.refetch()}
                onDeleted={() => navigate('/accounts')}
              />
            }
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('STATUS')}>
                <Badge status={state.tone} text={t(state.key, { defaultValue: state.key })} />
              </Descriptions.Item>
              <Descriptions.Item label={t('DESCRIPTION')}>
                {u.metadata.annotations?.[DESCRIPTION_ANNOTATION] || '-'}
              </Descriptions.Item>
              <Descriptions.Item label={t('EMAIL')}>{u?.spec?.email ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('PLATFORM_ROLE')}>
                {u?.metadata.annotations?.[GLOBALROLE_ANNOTATION] ?? '-'}
              </Descriptions.Item>
              <Descriptions.Item label={t('CREATED_TIME')}>
                {formatTime(u?.metadata.creationTimestamp, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('LAST_LOGIN')}>
                {formatTime(u?.status?.lastLoginTime, i18n.language)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={t('LOGIN_HISTORY')}>
            <Table<KubeObject>
              size="small"
              rowKey={(r) => r.metadata.name ?? ''}
              loading={records.isLoading}
              dataSource={records.data?.items ?? []}
              columns={[
                {
                  key: 'time',
                  title: t('TIME'),
                  render: (_, r) => formatTime(r.metadata.creationTimestamp, i18n.language),
                },
                {
                  key: 'ok',
                  title: t('STATUS'),
                  render: (_, r) => t((r.spec as Any)?.success ? 'SUCCESS' : 'FAILED'),
                },
                {
                  key: 'ip',
                  title: t('SOURCE_IP'),
                  render: (_, r) => String((r.spec as Any)?.sourceIP ?? '-'),
                },
                {
                  key: 'reason',
                  title: t('REASON'),
                  render: (_, r) => String((r.spec as Any)?.reason ?? '-'),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
