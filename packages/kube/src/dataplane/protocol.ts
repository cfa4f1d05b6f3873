/**
 * @module dataplane/protocol
 * Whether a Service port speaks HTTP (answered with a page naming the pod) or another TCP protocol
 * (answered with a one-line text banner naming the pod, then closed: simulated pods run no database, so a
 * MySQL client connecting to a simulated MySQL fails with a protocol error, which is expected).
 */
import type { ServicePort } from './model';

export type PortProtocol = 'http' | 'tcp';

/** Well-known non-HTTP ports and the protocol names announced in the banner. */
const TCP_PORTS: Record<number, string> = {
  21: 'ftp',
  22: 'ssh',
  25: 'smtp',
  1433: 'mssql',
  1521: 'oracle',
  2181: 'zookeeper',
  3306: 'mysql',
  5432: 'postgresql',
  5672: 'amqp',
  6379: 'redis',
  9042: 'cassandra',
  9092: 'kafka',
  11211: 'memcached',
  27017: 'mongodb',
};

const TCP_NAMES =
  /^(tcp|mysql|mariadb|postgres|postgresql|redis|mongo|mongodb|amqp|kafka|zookeeper|ssh|smtp|memcached|cassandra|mssql|oracle)(-|$)/i;
const HTTP_NAMES = /^(http|https|web|h2c|grpc-web)(-|$)/i;

/** How the data plane answers connections to this service port. */
export function portProtocol(sp: ServicePort): PortProtocol {
  if ((sp.protocol ?? 'TCP') !== 'TCP') return 'tcp';
  const app = (sp.appProtocol ?? '').toLowerCase();
  if (['http', 'https', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss'].includes(app))
    return 'http';
  if (app) return 'tcp';
  if (sp.name && HTTP_NAMES.test(sp.name)) return 'http';
  if (sp.name && TCP_NAMES.test(sp.name)) return 'tcp';
  const target = typeof sp.targetPort === 'number' ? sp.targetPort : sp.port;
  return TCP_PORTS[sp.port] || TCP_PORTS[target] ? 'tcp' : 'http';
}

/** The protocol name a TCP banner announces (e.g. `mysql`), `tcp` when unknown. */
export function bannerProtocol(sp: ServicePort): string {
  const named = sp.name && TCP_NAMES.exec(sp.name)?.[1];
  if (named) return named.toLowerCase();
  const target = typeof sp.targetPort === 'number' ? sp.targetPort : sp.port;
  return TCP_PORTS[sp.port] ?? TCP_PORTS[target] ?? (sp.appProtocol || 'tcp');
}
