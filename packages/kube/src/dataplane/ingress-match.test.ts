import { describe, expect, it } from 'vitest';
import { matchIngress, normalizeHost, pathScore } from './ingress-match';
import type { Ingress, IngressPath } from './model';

const backend = (name: string, number = 80) => ({ service: { name, port: { number } } });
const p = (path: string, svc: string, pathType: IngressPath['pathType'] = 'Prefix'): IngressPath => ({
  path,
  pathType,
  backend: backend(svc),
});
const ing = (
  name: string,
  spec: Ingress['spec'],
  created = '2026-01-01T00:00:00Z',
  namespace = 'demo',
): Ingress => ({
  metadata: { name, namespace, creationTimestamp: created },
  spec,
});

describe('pathScore', () => {
  it.each([
    ['/', 'Prefix', '/', 1],
    ['/', 'Prefix', '/anything/below', 1],
    ['/foo', 'Prefix', '/foo', 2],
    ['/foo', 'Prefix', '/foo/', 2],
    ['/foo', 'Prefix', '/foo/bar', 2],
    ['/foo', 'Prefix', '/foobar', 0],
    ['/foo/', 'Prefix', '/foo', 2],
    ['/foo/bar', 'Prefix', '/foo', 0],
    ['/foo', 'Exact', '/foo', 1_000_000],
    ['/foo', 'Exact', '/foo/', 0],
    ['/foo', 'ImplementationSpecific', '/foo/x', 2],
    ['', 'Prefix', '/x', 1],
  ])('%s (%s) against %s → %d', (rule, type, path, want) => {
    expect(pathScore(rule, type, path)).toBe(want);
  });
});

describe('normalizeHost', () => {
  it.each([
    ['Blog.Example.COM:18080', 'blog.example.com'],
    ['[::1]:80', '[::1]'],
    [undefined, ''],
  ])('%s → %s', (h, want) => expect(normalizeHost(h)).toBe(want));
});

describe('matchIngress', () => {
  const ingresses = [
    ing('site', {
      rules: [
        {
          host: 'shop.example.com',
          http: { paths: [p('/', 'shop-web'), p('/api', 'shop-api'), p('/api/v2', 'shop-v2')] },
        },
        { host: '*.example.com', http: { paths: [p('/', 'wild')] } },
        { http: { paths: [p('/', 'catch-all'), p('/health', 'health', 'Exact')] } },
      ],
    }),
    ing(
      'newer',
      {
        rules: [
          {
            host: 'shop.example.com',
            http: { paths: [p('/api', 'newer-api'), p('/api/v2/x', 'x', 'Exact')] },
          },
        ],
      },
      '2026-02-01T00:00:00Z',
    ),
    ing(
      'blog',
      {
        defaultBackend: backend('blog-default'),
        rules: [{ host: 'blog.example.com', http: { paths: [p('/posts', 'posts')] } }],
      },
      '2026-03-01T00:00:00Z',
    ),
  ];
  it.each([
    ['exact host, root prefix', 'shop.example.com', '/', 'shop-web'],
    ['longest prefix wins', 'shop.example.com', '/api/v2/items', 'shop-v2'],
    ['exact path beats a longer-looking prefix', 'shop.example.com', '/api/v2/x', 'x'],
    ['same prefix on two Ingresses: the oldest wins', 'shop.example.com', '/api/list', 'shop-api'],
    ['host header port and case ignored', 'SHOP.example.com:18080', '/api', 'shop-api'],
    ['query string ignored', 'shop.example.com', '/api?x=1', 'shop-api'],
    ['wildcard host: one label', 'www.example.com', '/', 'wild'],
    ['wildcard host does not match two labels: host-less rule', 'a.b.example.com', '/', 'catch-all'],
    ['no host: host-less rules', undefined, '/anything', 'catch-all'],
    ['host-less Exact', '10.0.0.1', '/health', 'health'],
    ['host matched but no path: that Ingress default backend', 'blog.example.com', '/about', 'blog-default'],
    ['host path', 'blog.example.com', '/posts/1', 'posts'],
  ])('%s', (_name, host, path, svc) => {
    expect(matchIngress(ingresses, host, path)?.service.name).toBe(svc);
  });

  it('reports the Ingress and path that matched', () => {
    expect(matchIngress(ingresses, 'shop.example.com', '/api/v2')).toEqual({
      ingress: { namespace: 'demo', name: 'site' },
      service: { namespace: 'demo', name: 'shop-v2', port: { number: 80 } },
      path: '/api/v2',
      pathType: 'Prefix',
    });
  });

  it('nothing matches and no default backend → undefined (404)', () => {
    const only = [ing('a', { rules: [{ host: 'a.test', http: { paths: [p('/x', 'x')] } }] })];
    expect(matchIngress(only, 'a.test', '/y')).toBeUndefined();
    expect(matchIngress(only, 'b.test', '/x')).toBeUndefined();
  });

  it('a default backend of any Ingress serves unmatched hosts; deleting Ingresses are ignored', () => {
    const list = [
      ing('gone', { defaultBackend: backend('old') }),
      ing('d', { defaultBackend: backend('fallback', 8080) }, '2026-05-01T00:00:00Z'),
    ];
    list[0].metadata.deletionTimestamp = '2026-06-01T00:00:00Z';
    expect(matchIngress(list, 'x.test', '/')?.service).toEqual({
      namespace: 'demo',
      name: 'fallback',
      port: { number: 8080 },
    });
  });
});
