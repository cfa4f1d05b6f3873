/**
 * Bad input over raw HTTP: every case gets a clear 4xx Status and the server keeps serving.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ nodes: 0 });
});
afterAll(async () => t?.stop());

function call(
  method: string,
  path: string,
  body?: string | Buffer,
  contentType = 'application/json',
  token?: string,
) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      `${t.cluster.url}${path}`,
      {
        method,
        ca: t.cluster.caCert,
        headers: { Authorization: `Bearer ${token ?? t.cluster.token}`, 'Content-Type': contentType },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const cm = (name: string, extra = '') =>
  `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"}${extra}}`;

describe('bad input', () => {
  it.each([
    [
      'malformed JSON',
      'POST',
      '/api/v1/namespaces/default/configmaps',
      '{"apiVersion":',
      'application/json',
      400,
      'BadRequest',
    ],
    [
      'a JSON array as an object',
      'POST',
      '/api/v1/namespaces/default/configmaps',
      '[1,2]',
      'application/json',
      400,
      'BadRequest',
    ],
    [
      'an unknown media type',
      'POST',
      '/api/v1/namespaces/default/configmaps',
      'x',
      'text/plain',
      415,
      'UnsupportedMediaType',
    ],
    [
      'garbage protobuf',
      'POST',
      '/api/v1/namespaces/default/configmaps',
      'k8s\0\x01\x02\x03',
      'application/vnd.kubernetes.protobuf',
      400,
      'BadRequest',
    ],
    ['an unknown resource', 'GET', '/api/v1/widgets', undefined, 'application/json', 404, 'NotFound'],
    [
      'an unknown group',
      'GET',
      '/apis/nope.example.com/v1/things',
      undefined,
      'application/json',
      404,
      'NotFound',
    ],
    [
      'a broken label selector',
      'GET',
      '/api/v1/pods?labelSelector=a%20in%20(',
      undefined,
      'application/json',
      400,
      'BadRequest',
    ],
    [
      'an unsupported field selector',
      'GET',
      '/api/v1/configmaps?fieldSelector=spec.x%3Dy',
      undefined,
      'application/json',
      400,
      'BadRequest',
    ],
    [
      'a non-numeric limit',
      'GET',
      '/api/v1/configmaps?limit=lots',
      undefined,
      'application/json',
      400,
      'BadRequest',
    ],
    [
      'a forged continue token',
      'GET',
      '/api/v1/configmaps?limit=1&continue=Zm9v',
      undefined,
      'application/json',
      400,
      'BadRequest',
    ],
    [
      'an unknown dryRun value',
      'POST',
      '/api/v1/namespaces/default/configmaps?dryRun=Maybe',
      cm('d'),
      'application/json',
      400,
      'BadRequest',
    ],
    [
      'a resourceVersion on create',
      'POST',
      '/api/v1/namespaces/default/configmaps',
      cm('rv').replace('"name":"rv"', '"name":"rv","resourceVersion":"5"'),
      'application/json',
      400,
      'BadRequest',
    ],
    [
      'a namespace that does not exist',
      'POST',
      '/api/v1/namespaces/ghost/configmaps',
      cm('g'),
      'application/json',
      404,
      'NotFound',
    ],
    [
      'an unknown patch content type',
      'PATCH',
      '/api/v1/namespaces/default/configmaps/none',
      '{}',
      'application/octet-stream',
      415,
      'UnsupportedMediaType',
    ],
  ])('%s', async (_name, method, path, body, type, status, reason) => {
    const r = await call(method, path, body, type);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ kind: 'Status', status: 'Failure', reason, code: status });
  });

  it('refuses bodies over 3 MiB with 413 and stores nothing', async () => {
    const huge = cm('huge', `,"data":{"k":"${'x'.repeat(3.5 * 1024 * 1024)}"}`);
    const r = await call('POST', '/api/v1/namespaces/default/configmaps', huge);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ reason: 'RequestEntityTooLarge' });
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/huge')).status).toBe(404);
  });

  it('answers 401 to missing or wrong tokens', async () => {
    const r = await call('GET', '/api/v1/namespaces', undefined, 'application/json', 'wrong');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ reason: 'Unauthorized' });
  });

  it('keeps serving after all of that, with data intact', async () => {
    expect(
      (await call('POST', '/api/v1/namespaces/default/configmaps', cm('after', ',"data":{"a":"b"}'))).status,
    ).toBe(201);
    const r = await call('GET', '/api/v1/namespaces/default/configmaps/after');
    expect(r.body).toMatchObject({ data: { a: 'b' } });
  });
});
