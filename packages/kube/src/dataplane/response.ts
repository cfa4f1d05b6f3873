/**
 * @module dataplane/response
 * What the simulated pods answer (pure). HTTP: 200 naming the pod that served the request, as plain text
 * (default), JSON (`Accept: application/json`) or a small HTML page (`Accept: text/html`, titled like the
 * application the image suggests: nginx, WordPress, Apache httpd, Tomcat...). Every answer carries
 * `x-sphere-pod`, `x-sphere-namespace` and `x-sphere-node` headers. No ready endpoint → 503, no Ingress
 * rule → 404, with a plain-text reason. TCP (non-HTTP) ports: one banner line, then the socket closes.
 */
import type { ServedBy } from './route';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Application names by image (repository name, registry and tag ignored). */
const APPS: [RegExp, string][] = [
  [/wordpress/, 'WordPress'],
  [/nginx-ingress|ingress-nginx/, 'NGINX Ingress Controller'],
  [/nginx/, 'nginx'],
  [/httpd|apache/, 'Apache httpd'],
  [/tomcat/, 'Apache Tomcat'],
  [/ghost/, 'Ghost'],
  [/jenkins/, 'Jenkins'],
  [/grafana/, 'Grafana'],
  [/drupal/, 'Drupal'],
  [/joomla/, 'Joomla!'],
  [/phpmyadmin/, 'phpMyAdmin'],
  [/node/, 'Node.js'],
];

/** The application an image runs, for the answer's title (undefined when unknown). */
export function appOf(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const repo =
    image
      .split('@')[0]
      .replace(/:[^/]*$/, '')
      .split('/')
      .pop() ?? '';
  return APPS.find(([re]) => re.test(repo))?.[1];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function facts(s: ServedBy): [string, string][] {
  const out: [string, string][] = [
    ['pod', s.pod],
    ['namespace', s.namespace],
    ['pod IP', `${s.ip}:${s.port}`],
    ['node', s.node ?? ''],
    ['service', `${s.service.namespace}/${s.service.name}:${s.service.port}`],
    ['image', s.image ?? ''],
  ];
  if (s.ingress)
    out.push(
      [
        'ingress',
        `${s.ingress.namespace}/${s.ingress.name}${s.ingress.path ? ` (path ${s.ingress.path})` : ''}`,
      ],
      ['ingress controller', s.ingress.controller],
    );
  if (s.ingress?.tls)
    out.push(['note', 'TLS host served over plain HTTP by the simulated ingress controller']);
  return out;
}

/** The 200 answer of a pod. `accept` is the request's Accept header. */
export function servedAnswer(s: ServedBy, accept: string | undefined): HttpAnswer {
  const headers: Record<string, string> = {
    'x-sphere-pod': s.pod,
    'x-sphere-namespace': s.namespace,
    'x-sphere-node': s.node ?? '',
  };
  const app = appOf(s.image);
  const a = accept ?? '';
  if (/application\/json/.test(a)) {
    const body = JSON.stringify({ ...s, ...(app ? { app } : {}) });
    return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: body + '\n' };
  }
  if (/text\/html/.test(a)) {
    const title = app ? `${app} (simulated)` : 'Sphere simulated pod';
    const rows = facts(s)
      .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join('');
    const body = `<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(
      app ? `Welcome to ${app}!` : 'Hello from a simulated pod',
    )}</h1><p>Served by pod <b>${escapeHtml(s.pod)}</b>.</p><table>${rows}</table></body></html>\n`;
    return { status: 200, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }, body };
  }
  const lines = [
    app ? `Welcome to ${app}! (simulated) Served by pod ${s.pod}` : `Hello from pod ${s.pod}`,
    ...facts(s).map(([k, v]) => `${k}: ${v}`),
  ];
  return {
    status: 200,
    headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    body: lines.join('\n') + '\n',
  };
}

/** A 503 or 404 answer of the data plane itself. */
export function errorAnswer(status: 404 | 503, message: string): HttpAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${message}\n` };
}

/** The banner line a non-HTTP port writes before closing. */
export function bannerLine(s: ServedBy | undefined, protocol: string, unavailable?: string): string {
  if (!s) return `sphere simulated ${protocol}: ${unavailable ?? 'no ready endpoints'}\r\n`;
  return `sphere simulated ${protocol} server: pod ${s.namespace}/${s.pod} (${s.ip}:${s.port}, node ${s.node ?? '?'}) via service ${s.service.namespace}/${s.service.name}\r\n`;
}
