import { describe, expect, it } from 'vitest';
import { readyBackends, RoundRobin } from './backends';
import { ingressesServedBy, watchNamespace } from './ingress-controllers';
import { arrayView, type EndpointSlice, type Ingress, type Pod, type Service } from './model';
import { routeIngress, routeService } from './route';
import { appOf, bannerLine, servedAnswer } from './response';
import { ingressStatusPatch, serviceStatusPatch } from './status';

const pod = (name: string, ns = 'default', image = 'nginx:1.25', args?: string[]): Pod => ({
  metadata: { name, namespace: ns },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', image, ...(args ? { args } : {}) }] },
});
const endpoint = (podName: string, ip: string, ready: boolean | undefined = true, ns = 'default') => ({
  addresses: [ip],
  ...(ready === undefined ? {} : { conditions: { ready } }),
  nodeName: 'node-1',
  targetRef: { kind: 'Pod', namespace: ns, name: podName },
});
const slice = (
  svc: string,
  endpoints: EndpointSlice['endpoints'],
  ports = [{ name: 'http', port: 8080, protocol: 'TCP' }],
  ns = 'default',
): EndpointSlice => ({
  metadata: { name: `${svc}-abc`, namespace: ns, labels: { 'kubernetes.io/service-name': svc } },
  endpoints,
  ports,
});
const service = (name: string, ns = 'default', type = 'NodePort'): Service => ({
  metadata: { name, namespace: ns },
  spec: { type, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }] },
});

describe('readyBackends', () => {
  it('keeps ready (and unknown-readiness) endpoints of the matching port, sorted by pod, once per address', () => {
    const view = arrayView({
      slices: [
        slice('web', [
          endpoint('web-b', '10.0.0.2'),
          endpoint('web-a', '10.0.0.1', undefined),
          endpoint('web-c', '10.0.0.3', false),
        ]),
        slice('web', [endpoint('web-b', '10.0.0.2')]),
        slice('web', [endpoint('web-x', '10.0.0.9')], [{ name: 'metrics', port: 9090, protocol: 'TCP' }]),
        slice('other', [endpoint('o', '10.0.1.1')]),
      ],
    });
    const svc = service('web');
    expect(readyBackends(view, svc, svc.spec!.ports![0])).toEqual([
      { namespace: 'default', pod: 'web-a', ip: '10.0.0.1', port: 8080, node: 'node-1' },
      { namespace: 'default', pod: 'web-b', ip: '10.0.0.2', port: 8080, node: 'node-1' },
    ]);
  });
});

describe('RoundRobin', () => {
  it('cycles per key and survives list changes', () => {
    const rr = new RoundRobin();
    expect([1, 2, 3, 4].map(() => rr.pick('a', ['x', 'y', 'z']))).toEqual(['x', 'y', 'z', 'x']);
    expect(rr.pick('b', ['q'])).toBe('q');
    expect(rr.pick('a', ['x'])).toBe('x');
    expect(rr.pick('a', [])).toBeUndefined();
  });
});

describe('routeService', () => {
  const svc = service('web');
  const port = svc.spec!.ports![0];
  it('spreads requests over ready pods and names the pod, its image and node', () => {
    const view = arrayView({
      services: [svc],
      pods: [pod('web-a'), pod('web-b')],
      slices: [slice('web', [endpoint('web-a', '10.0.0.1'), endpoint('web-b', '10.0.0.2')])],
    });
    const rr = new RoundRobin();
    const served = [1, 2, 3].map(() => {
      const d = routeService(view, rr, svc, port, { path: '/' });
      return d.kind === 'served' ? d.served.pod : d.kind;
    });
    expect(served).toEqual(['web-a', 'web-b', 'web-a']);
    const d = routeService(view, rr, svc, port, { path: '/' });
    expect(d).toMatchObject({
      kind: 'served',
      served: { image: 'nginx:1.25', node: 'node-1', service: { name: 'web', port: 80 } },
    });
  });

  it('answers unavailable when no endpoint is ready', () => {
    const view = arrayView({
      services: [svc],
      slices: [slice('web', [endpoint('web-a', '10.0.0.1', false)])],
    });
    const d = routeService(view, new RoundRobin(), svc, port, { path: '/' });
    expect(d.kind).toBe('unavailable');
    expect(d.kind !== 'served' && d.message).toContain('no ready endpoints');
  });

  it('routes through the Ingresses of an ingress controller pod, restricted by --watch-namespace', () => {
    const gateway = service('kubesphere-router-demo', 'kubesphere-controls-system');
    const ingresses: Ingress[] = [
      {
        metadata: { name: 'blog', namespace: 'demo' },
        spec: {
          tls: [{ hosts: ['blog.demo.io'] }],
          rules: [
            {
              host: 'blog.demo.io',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'wp', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
      },
      {
        metadata: { name: 'elsewhere', namespace: 'other' },
        spec: {
          rules: [
            {
              host: 'x.io',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'x', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
      },
    ];
    const view = arrayView({
      services: [gateway, service('wp', 'demo'), service('x', 'other')],
      pods: [
        pod('router-1', 'kubesphere-controls-system', 'kubesphere/nginx-ingress-controller:v0.35.0', [
          '/nginx-ingress-controller',
          '--watch-namespace=demo',
        ]),
        pod('wp-1', 'demo', 'wordpress:4.8-apache'),
        pod('x-1', 'other'),
      ],
      slices: [
        slice(
          'kubesphere-router-demo',
          [endpoint('router-1', '10.0.2.1', true, 'kubesphere-controls-system')],
          undefined,
          'kubesphere-controls-system',
        ),
        slice('wp', [endpoint('wp-1', '10.0.3.1', true, 'demo')], undefined, 'demo'),
        slice('x', [endpoint('x-1', '10.0.4.1', true, 'other')], undefined, 'other'),
      ],
      ingresses,
    });
    const rr = new RoundRobin();
    const d = routeService(view, rr, gateway, gateway.spec!.ports![0], {
      host: 'blog.demo.io',
      path: '/wp-admin',
    });
    expect(d).toMatchObject({
      kind: 'served',
      served: {
        pod: 'wp-1',
        namespace: 'demo',
        ingress: {
          namespace: 'demo',
          name: 'blog',
          path: '/',
          controller: 'kubesphere-controls-system/router-1',
          tls: true,
        },
      },
    });
    // An Ingress of another namespace is not served by this gateway.
    const other = routeService(view, rr, gateway, gateway.spec!.ports![0], { host: 'x.io', path: '/' });
    expect(other.kind).toBe('not-found');
    // The cluster ingress controller serves every namespace.
    expect(routeIngress(view, rr, view.ingresses(), { host: 'x.io', path: '/' }, 'cluster')).toMatchObject({
      kind: 'served',
      served: { pod: 'x-1', ingress: { controller: 'cluster', tls: false } },
    });
  });

  it('an Ingress naming a missing Service or port is unavailable', () => {
    const ing: Ingress = {
      metadata: { name: 'i', namespace: 'default' },
      spec: { defaultBackend: { service: { name: 'nope', port: { number: 80 } } } },
    };
    const d = routeIngress(arrayView({}), new RoundRobin(), [ing], { path: '/' }, 'cluster');
    expect(d).toEqual({
      kind: 'unavailable',
      message: 'ingress "default/i": service "default/nope" not found',
    });
    const d2 = routeIngress(
      arrayView({ services: [service('nope')] }),
      new RoundRobin(),
      [{ ...ing, spec: { defaultBackend: { service: { name: 'nope', port: { name: 'grpc' } } } } }],
      { path: '/' },
      'cluster',
    );
    expect(d2.kind).toBe('unavailable');
  });
});

describe('ingress controllers', () => {
  it.each([
    [['--watch-namespace=demo'], 'demo'],
    [['--watch-namespace', 'demo'], 'demo'],
    [['--election-id=x'], undefined],
  ])('%j → %s', (args, ns) => expect(watchNamespace({ name: 'c', args })).toBe(ns));

  it('recognizes controller images only', () => {
    expect(ingressesServedBy(pod('a', 'x', 'registry.k8s.io/ingress-nginx/controller:v1.9.4'), [])).toEqual(
      [],
    );
    expect(ingressesServedBy(pod('a', 'x', 'nginx:1.25'), [])).toBeUndefined();
  });
});

describe('answers', () => {
  const served = {
    pod: 'wordpress-abc',
    namespace: 'demo',
    ip: '10.0.0.5',
    port: 80,
    node: 'node-2',
    image: 'wordpress:4.8-apache',
    service: { namespace: 'demo', name: 'wordpress', port: 80 },
  };
  it.each([
    ['wordpress:4.8-apache', 'WordPress'],
    ['docker.io/library/nginx:1.25@sha256:abc', 'nginx'],
    ['kubesphere/nginx-ingress-controller:v0.35.0', 'NGINX Ingress Controller'],
    ['busybox', undefined],
  ])('appOf(%s) = %s', (image, app) => expect(appOf(image)).toBe(app));

  it('plain text by default, JSON and HTML on request, all naming the pod in body and headers', () => {
    const text = servedAnswer(served, '*/*');
    expect(text.body.split('\n')[0]).toBe('Welcome to WordPress! (simulated) Served by pod wordpress-abc');
    expect(text.headers['x-sphere-pod']).toBe('wordpress-abc');
    expect(JSON.parse(servedAnswer(served, 'application/json').body)).toMatchObject({
      pod: 'wordpress-abc',
      app: 'WordPress',
    });
    const html = servedAnswer({ ...served, pod: '<x>' }, 'text/html,*/*');
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('&lt;x&gt;');
    expect(bannerLine(served, 'mysql')).toMatch(/^sphere simulated mysql server: pod demo\/wordpress-abc/);
    expect(bannerLine(undefined, 'mysql', 'no ready endpoints')).toBe(
      'sphere simulated mysql: no ready endpoints\r\n',
    );
  });
});

describe('status patches', () => {
  it.each([
    [
      'LoadBalancer without status',
      'LoadBalancer',
      undefined,
      { status: { loadBalancer: { ingress: [{ ip: '127.0.0.1' }] } } },
    ],
    ['LoadBalancer already published', 'LoadBalancer', [{ ip: '127.0.0.1' }], undefined],
    [
      'retyped to NodePort',
      'NodePort',
      [{ ip: '127.0.0.1' }],
      { status: { loadBalancer: { ingress: null } } },
    ],
    ['NodePort without status', 'NodePort', undefined, undefined],
  ])('%s', (_n, type, ingress, want) => {
    const s: Service = {
      metadata: { name: 's', namespace: 'd' },
      spec: { type },
      ...(ingress ? { status: { loadBalancer: { ingress } } } : {}),
    };
    expect(serviceStatusPatch(s, '127.0.0.1')).toEqual(want);
  });
  it('Ingresses get the published IP once', () => {
    const i: Ingress = { metadata: { name: 'i', namespace: 'd' } };
    expect(ingressStatusPatch(i, '127.0.0.1')).toEqual({
      status: { loadBalancer: { ingress: [{ ip: '127.0.0.1' }] } },
    });
    expect(
      ingressStatusPatch({ ...i, status: { loadBalancer: { ingress: [{ ip: '127.0.0.1' }] } } }, '127.0.0.1'),
    ).toBeUndefined();
  });
});
