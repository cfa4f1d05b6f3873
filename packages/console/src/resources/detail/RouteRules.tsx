/**
 * @module resources/detail/RouteRules
 * The Resource Status card of a Route (Ingress): one row per host and path with its backend Service and
 * port, whether the host is served over TLS (and from which Secret), and the default backend.
 */
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';

interface Backend {
  service?: { name?: string; port?: { number?: number; name?: string } };
}
interface IngressSpec {
  defaultBackend?: Backend;
  tls?: { hosts?: string[]; secretName?: string }[];
  rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: Backend }[] } }[];
}

export interface RouteRow {
  key: string;
  host: string;
  path: string;
  pathType: string;
  service?: string;
  port: string;
  tlsSecret?: string;
}

const portOf = (b?: Backend) => String(b?.service?.port?.number ?? b?.service?.port?.name ?? '-');

/** The rows the card shows, in the Ingress's order; the default backend last with host and path "*". */
export function routeRows(spec: IngressSpec): RouteRow[] {
  const tlsFor = (host: string) =>
    (spec.tls ?? []).find((t) => (t.hosts ?? []).includes(host) || (!t.hosts?.length && !host))?.secretName;
  const rows: RouteRow[] = [];
  (spec.rules ?? []).forEach((rule, i) => {
    const host = rule.host ?? '*';
    (rule.http?.paths ?? []).forEach((p, j) => {
      rows.push({
        key: `${i}/${j}`,
        host,
        path: p.path ?? '/',
        pathType: p.pathType ?? 'ImplementationSpecific',
        service: p.backend?.service?.name,
        port: portOf(p.backend),
        tlsSecret: tlsFor(rule.host ?? ''),
      });
    });
  });
  if (spec.defaultBackend) {
    rows.push({
      key: 'default',
      host: '*',
      path: '*',
      pathType: '-',
      service: spec.defaultBackend.service?.name,
      port: portOf(spec.defaultBackend),
    });
  }
  return rows;
}

export function RouteRules({ obj }: { obj: KubeObject }) {
  const { t } = useTranslation();
  const ns = obj.metadata.namespace ?? '';
  const rows = routeRows((obj.spec ?? {}) as IngressSpec);
  return (
    <Card size="small" title={t('ROUTE_RULES')} style={{ marginBottom: 16 }}>
      <Table<RouteRow>
        size="small"
        aria-label={t('ROUTE_RULES')}
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { key: 'host', title: t('HOSTNAME'), dataIndex: 'host' },
          { key: 'path', title: t('PATH'), render: (_, r) => `${r.path} (${r.pathType})` },
          {
            key: 'service',
            title: t('SERVICE'),
            render: (_, r) =>
              r.service ? <Link to={`/projects/${ns}/services/${r.service}`}>{r.service}</Link> : '-',
          },
          { key: 'port', title: t('PORT'), dataIndex: 'port' },
          {
            key: 'protocol',
            title: t('PROTOCOL'),
            render: (_, r) => (r.tlsSecret ? <Tag color="green">{`HTTPS (${r.tlsSecret})`}</Tag> : 'HTTP'),
          },
        ]}
      />
    </Card>
  );
}
