/**
 * @module ResourcePages
 * Route adapters: pick the descriptor from the URL and render the generic list/detail pages.
 */
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { CLUSTER_RESOURCES, PROJECT_RESOURCES } from '../resources/descriptors';
import { DetailPage } from '../resources/detail/DetailPage';
import { ResourceListPage } from '../resources/ResourceListPage';
import { GatewayAddressNote } from '../workloads/GatewayPage';

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('NOT_FOUND')} />;
}

/** `/projects/:namespace/:resource` */
export function ProjectResourceList() {
  const { namespace = '', resource = '' } = useParams();
  const d = PROJECT_RESOURCES[resource];
  if (!d) return <NotFound />;
  return (
    <>
      {resource === 'routes' && <GatewayAddressNote namespace={namespace} />}
      <ResourceListPage
        key={resource}
        descriptor={d}
        namespace={namespace}
        detailPath={(o) => `/projects/${namespace}/${resource}/${o.metadata.name}`}
      />
    </>
  );
}

/** `/projects/:namespace/:resource/:name/:tab?` */
export function ProjectResourceDetail() {
  const { namespace = '', resource = '', name = '' } = useParams();
  const d = PROJECT_RESOURCES[resource];
  if (!d) return <NotFound />;
  return (
    <>
      {resource === 'routes' && <GatewayAddressNote namespace={namespace} />}
      <DetailPage
        key={`${resource}/${name}`}
        descriptor={d}
        namespace={namespace}
        listPath={`/projects/${namespace}/${resource}`}
      />
    </>
  );
}

/** `/infrastructure/:resource` */
export function ClusterResourceList() {
  const { resource = '' } = useParams();
  const d = CLUSTER_RESOURCES[resource];
  if (!d) return <NotFound />;
  return (
    <ResourceListPage
      key={resource}
      descriptor={d}
      detailPath={(o) => `/infrastructure/${resource}/${o.metadata.name}`}
    />
  );
}

/** `/infrastructure/:resource/:name/:tab?` */
export function ClusterResourceDetail() {
  const { resource = '', name = '' } = useParams();
  const d = CLUSTER_RESOURCES[resource];
  if (!d) return <NotFound />;
  return <DetailPage key={`${resource}/${name}`} descriptor={d} listPath={`/infrastructure/${resource}`} />;
}

export { NotFound };
