import { describe, expect, it } from 'vitest';
import { routeRows } from './RouteRules';

describe('routeRows', () => {
  it('lists every host and path with its backend, TLS secret and the default backend last', () => {
    const rows = routeRows({
      tls: [{ hosts: ['shop.demo.io'], secretName: 'shop-tls' }],
      rules: [
        {
          host: 'shop.demo.io',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              {
                path: '/api',
                pathType: 'Exact',
                backend: { service: { name: 'api', port: { name: 'http' } } },
              },
            ],
          },
        },
        { http: { paths: [{ backend: { service: { name: 'any', port: { number: 8080 } } } }] } },
      ],
      defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
    });
    expect(
      rows.map(({ host, path, pathType, service, port, tlsSecret }) => ({
        host,
        path,
        pathType,
        service,
        port,
        tlsSecret,
      })),
    ).toEqual([
      {
        host: 'shop.demo.io',
        path: '/',
        pathType: 'Prefix',
        service: 'web',
        port: '80',
        tlsSecret: 'shop-tls',
      },
      {
        host: 'shop.demo.io',
        path: '/api',
        pathType: 'Exact',
        service: 'api',
        port: 'http',
        tlsSecret: 'shop-tls',
      },
      {
        host: '*',
        path: '/',
        pathType: 'ImplementationSpecific',
        service: 'any',
        port: '8080',
        tlsSecret: undefined,
      },
      { host: '*', path: '*', pathType: '-', service: 'fallback', port: '80', tlsSecret: undefined },
    ]);
  });

  it('has no rows for an Ingress without rules', () => {
    expect(routeRows({})).toEqual([]);
  });
});
