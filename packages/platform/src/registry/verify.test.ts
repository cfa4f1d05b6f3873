/**
 * The registry verify endpoint against local stub registries: plain basic auth over HTTP and HTTPS
 * (self-signed, trusted through `ca`), a token registry (Bearer challenge), a closed port and a timeout.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStatusError } from '@sphere/shared';
import { parseBearerChallenge, parseVerifyInput, registryEndpoint, verifyRegistry } from './verify';

const GOOD = `Basic ${Buffer.from('dev:s3cret').toString('base64')}`;

function basicRegistry(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.url !== '/v2/') return void res.writeHead(404).end();
  if (req.headers.authorization === GOOD)
    return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' }).end();
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

const servers: (http.Server | https.Server)[] = [];
let httpPort = 0;
let tokenPort = 0;
let httpsPort = 0;
let hangPort = 0;
let ca = '';

beforeAll(async () => {
  const basic = http.createServer(basicRegistry);
  servers.push(basic);
  httpPort = await listen(basic);
  // A token registry: /v2/ always challenges; /token checks the credentials.
  const token = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v2/')
      return void res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="http://127.0.0.1:${tokenPort}/token",service="stub"`,
        })
        .end();
    if (url.pathname === '/token' && url.searchParams.get('service') === 'stub')
      return void res.writeHead(req.headers.authorization === GOOD ? 200 : 401).end('{"token":"t"}');
    res.writeHead(404).end();
  });
  servers.push(token);
  tokenPort = await listen(token);
  const hang = http.createServer(() => undefined);
  servers.push(hang);
  hangPort = await listen(hang);
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    ca = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    const tls = https.createServer(
      { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: ca },
      basicRegistry,
    );
    servers.push(tls);
    httpsPort = await listen(tls);
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // No openssl: the HTTPS case is skipped below.
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

describe('parseVerifyInput', () => {
  it.each([
    [{ username: 'a', password: 'b' }, 'serverhost'],
    [{ serverhost: 'h', password: 'b' }, 'username'],
    [{ serverhost: 'h', username: 'a', password: '' }, 'password'],
    [{ serverhost: 'not a host!', username: 'a', password: 'b' }, 'serverhost'],
    [{ serverhost: 'h:5000?x=1', username: 'a', password: 'b' }, 'serverhost'],
  ])('%j is a 400 naming %s', (body, field) => {
    try {
      parseVerifyInput(body);
      expect.unreachable();
    } catch (err) {
      expect(isStatusError(err) && err.code).toBe(400);
      expect((err as Error).message).toContain(field);
    }
  });
  it('accepts hosts with ports, paths and schemes', () => {
    for (const h of [
      'harbor.example.com:8443',
      'https://r.example.com/',
      'http://127.0.0.1:5000',
      'docker.io',
    ])
      expect(parseVerifyInput({ serverhost: h, username: 'a', password: 'b' }).serverhost).toBe(h);
  });
  it('maps addresses to /v2/ (HTTPS by default, Docker Hub to registry-1)', () => {
    expect(registryEndpoint('harbor.example.com:8443').toString()).toBe(
      'https://harbor.example.com:8443/v2/',
    );
    expect(registryEndpoint('http://127.0.0.1:5000/foo').toString()).toBe('http://127.0.0.1:5000/v2/');
    expect(registryEndpoint('docker.io').toString()).toBe('https://registry-1.docker.io/v2/');
  });
  it('parses Bearer challenges', () => {
    expect(parseBearerChallenge('Bearer realm="https://auth/token",service="registry.docker.io"')).toEqual({
      realm: 'https://auth/token',
      service: 'registry.docker.io',
    });
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined();
  });
});

describe('verifyRegistry', () => {
  it('verifies good credentials over HTTP basic auth', async () => {
    const r = await verifyRegistry({
      serverhost: `http://127.0.0.1:${httpPort}`,
      username: 'dev',
      password: 's3cret',
    });
    expect(r).toMatchObject({ verified: true, reason: 'Verified', statusCode: 200 });
  });
  it('reports rejected credentials as an authentication failure', async () => {
    const r = await verifyRegistry({
      serverhost: `http://127.0.0.1:${httpPort}`,
      username: 'dev',
      password: 'nope',
    });
    expect(r).toMatchObject({ verified: false, reason: 'AuthenticationFailed', statusCode: 401 });
    expect(r.message).toMatch(/authentication failed/);
  });
  it('follows the Bearer token challenge', async () => {
    const host = `http://127.0.0.1:${tokenPort}`;
    expect(await verifyRegistry({ serverhost: host, username: 'dev', password: 's3cret' })).toMatchObject({
      verified: true,
    });
    expect(await verifyRegistry({ serverhost: host, username: 'dev', password: 'x' })).toMatchObject({
      reason: 'AuthenticationFailed',
    });
  });
  it('uses HTTPS by default', async (ctx) => {
    if (!httpsPort) ctx.skip();
    const input = { serverhost: `127.0.0.1:${httpsPort}`, username: 'dev', password: 's3cret' };
    expect(await verifyRegistry(input, { ca })).toMatchObject({
      verified: true,
      endpoint: `https://127.0.0.1:${httpsPort}/v2/`,
    });
    // Without trusting the self-signed certificate the registry is unreachable, with the TLS reason.
    const r = await verifyRegistry(input);
    expect(r).toMatchObject({ verified: false, reason: 'Unreachable' });
    expect(r.message).toMatch(/registry unreachable: .*(self[- ]signed|certificate)/i);
  });
  it('reports a closed port and a silent registry as unreachable', async () => {
    const closed = await verifyRegistry({ serverhost: 'http://127.0.0.1:1', username: 'a', password: 'b' });
    expect(closed).toMatchObject({ verified: false, reason: 'Unreachable' });
    const silent = await verifyRegistry(
      { serverhost: `http://127.0.0.1:${hangPort}`, username: 'a', password: 'b' },
      { timeoutMs: 200 },
    );
    expect(silent.message).toMatch(/registry unreachable: no answer within 200 ms/);
  });
  it('ignores a path given with the address and reports a server that is not a registry', async () => {
    const r = await verifyRegistry({
      serverhost: `http://127.0.0.1:${httpPort}/some/path`,
      username: 'dev',
      password: 's3cret',
    });
    expect(r.verified).toBe(true);
    const web = http.createServer((_req, res) => res.writeHead(404).end());
    const port = await listen(web);
    try {
      const n = await verifyRegistry({
        serverhost: `http://127.0.0.1:${port}`,
        username: 'a',
        password: 'b',
      });
      expect(n).toMatchObject({ verified: false, reason: 'UnexpectedResponse', statusCode: 404 });
    } finally {
      await new Promise((done) => web.close(done));
    }
  });
});
