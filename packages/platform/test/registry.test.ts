/**
 * Image registry verification through the platform's HTTP API: any signed-in user may call it, anonymous
 * callers may not, bad bodies are 400 Status, and a stub registry (200 with the right basic auth, 401
 * without) gives "verified" and "authentication failed". The fake cluster is enough: the endpoint never
 * touches the cluster.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Api, IAM, newUser, session, startEnv, type Env } from './harness';

const VERIFY = '/kapis/resources.kubesphere.io/v1alpha2/registry/verify';
const GOOD = `Basic ${Buffer.from('dev:s3cret').toString('base64')}`;

describe('registry verify (fake cluster)', () => {
  let env: Env;
  let regular: Api;
  let registry: http.Server;
  let host = '';
  beforeAll(async () => {
    registry = http.createServer((req, res) => {
      res.writeHead(req.url === '/v2/' && req.headers.authorization === GOOD ? 200 : 401).end('{}');
    });
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', () => r()));
    host = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
    env = await startEnv('fake');
    const admin = await session(env.url, 'admin', ADMIN_PASSWORD);
    expect(
      (await admin.post(`${IAM}/users`, newUser('reg-user', 'platform-regular', 'Passw0rd!x'))).status,
    ).toBe(201);
    regular = await session(env.url, 'reg-user', 'Passw0rd!x');
  });
  afterAll(async () => {
    await env?.stop();
    await new Promise((r) => registry?.close(r));
  });

  it('verifies credentials for any signed-in user', async () => {
    const ok = await regular.post<{ verified: boolean; reason: string }>(VERIFY, {
      serverhost: host,
      username: 'dev',
      password: 's3cret',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verified: true, reason: 'Verified' });
    const bad = await regular.post<{ verified: boolean; reason: string; message: string }>(VERIFY, {
      serverhost: host,
      username: 'dev',
      password: 'wrong',
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ verified: false, reason: 'AuthenticationFailed' });
  });

  it('rejects malformed bodies with a 400 Status and anonymous callers with a 401', async () => {
    const missing = await regular.post<{ kind: string; code: number; message: string }>(VERIFY, {
      serverhost: host,
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ kind: 'Status', code: 400 });
    expect(missing.body.message).toMatch(/username.*password/);
    const malformed = await regular.post(VERIFY, {
      serverhost: 'no such host!',
      username: 'a',
      password: 'b',
    });
    expect(malformed.status).toBe(400);
    const anon = await fetch(`${env.url}${VERIFY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serverhost: host, username: 'dev', password: 's3cret' }),
    });
    expect(anon.status).toBe(401);
  });
});
