/**
 * Bad input and authentication edge cases through the HTTP API: invalid names, weak passwords, duplicate
 * e-mails, unknown roles, oversized and malformed bodies, malformed/expired/revoked tokens, lockout after
 * repeated wrong passwords (and automatic unlock), the forced password change of the default admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Api,
  IAM,
  TENANT,
  backends,
  login,
  newUser,
  session,
  startEnv,
  type Env,
} from './harness';

const PW = 'Passw0rd!x';

describe.each(backends())('bad input and tokens (%s cluster)', (backend) => {
  let env: Env;
  let admin: Api;
  let offsetMs = 0;
  beforeAll(async () => {
    env = await startEnv(backend, {
      now: () => new Date(Date.now() + offsetMs),
      accessTokenTtlSeconds: 600,
      refreshTokenTtlSeconds: 1200,
      loginMaxTries: 3,
      loginWindowSeconds: 300,
    });
    admin = await session(env.url, 'admin', ADMIN_PASSWORD);
    expect((await admin.post(`${IAM}/users`, newUser('alice', 'platform-regular', PW))).status).toBe(201);
    expect(
      (
        await admin.post(`${TENANT}/workspaces`, {
          metadata: { name: 'w1' },
          spec: { template: { spec: { manager: 'alice' } } },
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await env?.stop();
  });

  const statusOf = async (p: Promise<{ status: number; body: unknown }>) => {
    const r = await p;
    return {
      status: r.status,
      body: r.body as { reason?: string; message?: string; details?: { causes?: { field?: string }[] } },
    };
  };

  it.each([
    ['user name with capitals', () => admin.post(`${IAM}/users`, newUser('Bad_Name')), 422, 'metadata.name'],
    ['user name too long', () => admin.post(`${IAM}/users`, newUser('x'.repeat(40))), 422, 'no more than 32'],
    [
      'weak password',
      () => admin.post(`${IAM}/users`, newUser('weak', undefined, 'password')),
      422,
      'must contain an upper-case letter',
    ],
    [
      'missing email',
      () => admin.post(`${IAM}/users`, { metadata: { name: 'noemail' }, spec: { password: PW } }),
      422,
      'spec.email',
    ],
    [
      'bad email',
      () =>
        admin.post(`${IAM}/users`, { metadata: { name: 'bademail' }, spec: { email: 'nope', password: PW } }),
      422,
      'not a valid email',
    ],
    [
      'duplicate email',
      () =>
        admin.post(`${IAM}/users`, {
          metadata: { name: 'alice2' },
          spec: { email: 'alice@example.com', password: PW },
        }),
      409,
      'already used',
    ],
    ['duplicate user', () => admin.post(`${IAM}/users`, newUser('alice')), 409, 'already exists'],
    [
      'unknown platform role',
      () => admin.post(`${IAM}/users`, newUser('bob', 'platform-wizard')),
      400,
      'unknown platform role "platform-wizard"',
    ],
    [
      'unknown workspace role',
      () =>
        admin.post(`${IAM}/workspaces/w1/workspacemembers`, [
          { username: 'alice', roleRef: 'workspace-wizard' },
        ]),
      400,
      'unknown role "workspace-wizard"',
    ],
    [
      'unknown member',
      () => admin.post(`${IAM}/workspaces/w1/workspacemembers`, [{ username: 'ghost', roleRef: 'viewer' }]),
      404,
      'users.iam.kubesphere.io "ghost" not found',
    ],
    [
      'member without role',
      () => admin.post(`${IAM}/workspaces/w1/workspacemembers`, [{ username: 'alice' }]),
      400,
      'roleRef is required',
    ],
    [
      'unknown role template',
      () =>
        admin.post(`${IAM}/globalroles`, {
          metadata: {
            name: 'custom',
            annotations: { 'iam.kubesphere.io/aggregation-roles': '["role-template-nope"]' },
          },
        }),
      400,
      'unknown role template "role-template-nope"',
    ],
    [
      'invalid workspace name',
      () => admin.post(`${TENANT}/workspaces`, { metadata: { name: 'Bad WS' } }),
      422,
      'RFC 1123',
    ],
    [
      'unknown workspace manager',
      () =>
        admin.post(`${TENANT}/workspaces`, {
          metadata: { name: 'w2' },
          spec: { template: { spec: { manager: 'ghost' } } },
        }),
      400,
      'unknown user "ghost"',
    ],
    [
      'invalid project name',
      () => admin.post(`${TENANT}/workspaces/w1/namespaces`, { metadata: { name: 'a.b' } }),
      422,
      'RFC 1123',
    ],
    [
      'project in missing workspace',
      () => admin.post(`${TENANT}/workspaces/nope/namespaces`, { metadata: { name: 'p' } }),
      404,
      'not found',
    ],
    ['malformed JSON', () => admin.call('POST', `${IAM}/users`, '{"metadata":'), 400, 'not valid JSON'],
    [
      'oversized body',
      () =>
        admin.call(
          'POST',
          `${IAM}/users`,
          JSON.stringify({ metadata: { name: 'big' }, pad: 'x'.repeat(4 * 1024 * 1024) }),
        ),
      413,
      'too large',
    ],
    [
      'oversized body through the proxy',
      () =>
        admin.call(
          'POST',
          '/api/v1/namespaces/default/configmaps',
          JSON.stringify({ metadata: { name: 'big' }, data: { x: 'x'.repeat(4 * 1024 * 1024) } }),
        ),
      413,
      'too large',
    ],
    ['bad list query', () => admin.get(`${IAM}/users?page=0`), 400, 'invalid page'],
    [
      'unknown API path',
      () => admin.get('/kapis/iam.kubesphere.io/v1alpha2/nothing/here/at/all'),
      404,
      'could not find',
    ],
  ])('%s → %i', async (_name, call, code, text) => {
    const r = await statusOf(call());
    expect(r.status).toBe(code);
    expect(r.body.message ?? JSON.stringify(r.body)).toContain(text);
    expect(r.body).toMatchObject({ kind: 'Status', code });
  });

  it.each([
    ['no token', undefined, 'authentication required'],
    ['malformed token', 'Bearer not-a-jwt', 'invalid token'],
    ['not a bearer', 'Basic YWJjOmRlZg==', 'invalid Authorization header'],
    [
      'forged signature',
      `Bearer ${'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VybmFtZSI6ImFkbWluIiwidG9rZW5fdHlwZSI6ImFjY2Vzc190b2tlbiIsImlzcyI6InNwaGVyZSJ9.c2lnbmF0dXJl'}`,
      'bad signature',
    ],
  ])('%s → 401', async (_name, header, text) => {
    const res = await fetch(`${env.url}${IAM}/users`, { headers: header ? { authorization: header } : {} });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { message: string; reason: string };
    expect(body.reason).toBe('Unauthorized');
    expect(body.message).toContain(text);
  });

  it('an expired access token is refused; the refresh token gives a new pair until it expires too', async () => {
    const r = await login(env.url, 'alice', PW);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    offsetMs += 700_000;
    try {
      const expired = await new Api(env.url, r.body.access_token).get(`${IAM}/users/alice`);
      expect(expired.status).toBe(401);
      expect((expired.body as { message: string }).message).toBe('token expired');
      const refreshed = await fetch(`${env.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: r.body.refresh_token }),
      });
      expect(refreshed.status).toBe(200);
      const pair = (await refreshed.json()) as { access_token: string };
      expect((await new Api(env.url, pair.access_token).get(`${IAM}/users/alice`)).status).toBe(200);
      // An access token is not a refresh token.
      const wrongType = await fetch(`${env.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: pair.access_token }),
      });
      expect(wrongType.status).toBe(400);
      expect(await wrongType.json()).toMatchObject({ error: 'invalid_grant' });
      offsetMs += 1_300_000;
      const late = await fetch(`${env.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: r.body.refresh_token }),
      });
      expect(late.status).toBe(400);
      expect(await late.json()).toMatchObject({ error: 'invalid_grant', error_description: 'token expired' });
    } finally {
      offsetMs = 0;
    }
  });

  it('logout revokes the tokens issued before it; a new login works', async () => {
    const api = await session(env.url, 'alice', PW);
    expect((await api.get(`${IAM}/users/alice`)).status).toBe(200);
    expect((await api.post('/oauth/logout', {})).status).toBe(200);
    const after = await api.get(`${IAM}/users/alice`);
    expect(after.status).toBe(401);
    expect((after.body as { message: string }).message).toBe('token has been revoked');
    await new Promise((r) => setTimeout(r, 5));
    expect((await (await session(env.url, 'alice', PW)).get(`${IAM}/users/alice`)).status).toBe(200);
  });

  it.each([
    ['missing grant type', { username: 'alice' }, 400, 'unsupported_grant_type'],
    ['missing password', { grant_type: 'password', username: 'alice' }, 400, 'invalid_request'],
    ['unknown user', { grant_type: 'password', username: 'ghost', password: PW }, 400, 'invalid_grant'],
  ])('token endpoint: %s → %i %s', async (_n, form, code, error) => {
    const res = await fetch(`${env.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams(form as Record<string, string>),
    });
    expect(res.status).toBe(code);
    expect(await res.json()).toMatchObject({ error });
  });

  it('repeated wrong passwords lock the account (429) until the window passes; attempts are in the login history', async () => {
    expect((await admin.post(`${IAM}/users`, newUser('mallory-target', 'platform-regular', PW))).status).toBe(
      201,
    );
    for (let i = 0; i < 3; i++) {
      const r = await login(env.url, 'mallory-target', 'Wrong-pass1');
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('invalid_grant');
    }
    const locked = await login(env.url, 'mallory-target', PW);
    expect(locked.status).toBe(429);
    expect(locked.body.error_description).toContain('locked');
    const user = await admin.get<{ status: { state: string } }>(`${IAM}/users/mallory-target`);
    expect(user.body.status.state).toBe('AuthLimitExceeded');
    const history = await admin.get<{ items: { spec: { success: boolean } }[]; totalItems: number }>(
      `${IAM}/users/mallory-target/loginrecords`,
    );
    expect(history.body.items.map((r) => r.spec.success)).toEqual([false, false, false]);
    offsetMs += 301_000;
    try {
      expect((await login(env.url, 'mallory-target', PW)).status).toBe(200);
    } finally {
      offsetMs = 0;
    }
  });

  it("changing one's own password needs the old one; an administrator resets without it", async () => {
    expect((await admin.post(`${IAM}/users`, newUser('carl', 'platform-regular', PW))).status).toBe(201);
    const carl = await session(env.url, 'carl', PW);
    const noOld = await carl.put(`${IAM}/users/carl/password`, { password: 'N3w-Passw0rd' });
    expect(noOld.status).toBe(400);
    expect((noOld.body as { message: string }).message).toBe('incorrect old password');
    expect(
      (await carl.put(`${IAM}/users/carl/password`, { currentPassword: PW, password: 'weak' })).status,
    ).toBe(422);
    expect(
      (await carl.put(`${IAM}/users/carl/password`, { currentPassword: PW, password: 'N3w-Passw0rd' }))
        .status,
    ).toBe(200);
    expect((await login(env.url, 'carl', PW)).status).toBe(400);
    expect((await login(env.url, 'carl', 'N3w-Passw0rd')).status).toBe(200);
    expect((await carl.put(`${IAM}/users/alice/password`, { password: 'N3w-Passw0rd' })).status).toBe(403);
    expect((await admin.put(`${IAM}/users/carl/password`, { password: 'Adm1n-Reset' })).status).toBe(200);
    expect((await login(env.url, 'carl', 'Adm1n-Reset')).status).toBe(200);
  });

  it('a disabled user cannot log in and its tokens stop working', async () => {
    expect((await admin.post(`${IAM}/users`, newUser('dora', 'platform-regular', PW))).status).toBe(201);
    const dora = await session(env.url, 'dora', PW);
    const current = await admin.get<Record<string, unknown>>(`${IAM}/users/dora`);
    expect(
      (await admin.put(`${IAM}/users/dora`, { ...current.body, status: { state: 'Disabled' } })).status,
    ).toBe(200);
    expect((await dora.get(`${IAM}/users/dora`)).status).toBe(401);
    const r = await login(env.url, 'dora', PW);
    expect(r.status).toBe(400);
    expect(r.body.error_description).toContain('disabled');
  });

  it('deleting a user removes its bindings and login records', async () => {
    expect((await admin.post(`${IAM}/users`, newUser('eve', 'platform-regular', PW))).status).toBe(201);
    await login(env.url, 'eve', PW);
    expect(
      (await admin.post(`${IAM}/workspaces/w1/workspacemembers`, [{ username: 'eve', roleRef: 'viewer' }]))
        .status,
    ).toBe(201);
    expect((await admin.delete(`${IAM}/users/eve`)).status).toBe(200);
    const members = await admin.get<{ items: { metadata: { name: string } }[] }>(
      `${IAM}/workspaces/w1/workspacemembers`,
    );
    expect(members.body.items.map((m) => m.metadata.name)).not.toContain('eve');
    const records = await admin.get<{ items: unknown[] }>(
      '/kapis/resources.kubesphere.io/v1alpha3/loginrecords?label=iam.kubesphere.io%2Fuser-ref%3Deve',
    );
    expect(records.body.items).toEqual([]);
    const grbs = await admin.get<{ items: unknown[] }>(
      '/apis/iam.kubesphere.io/v1alpha2/globalrolebindings?labelSelector=iam.kubesphere.io%2Fuser-ref%3Deve',
    );
    expect(grbs.body.items).toEqual([]);
  });

  it('audit: mutating requests are recorded with outcome and only administrators may read them', async () => {
    const alice = await session(env.url, 'alice', PW);
    await alice.delete(`${IAM}/users/admin`);
    const events = await admin.get<{
      items: { user: string; verb: string; resource: string; name: string; outcome: string; code: number }[];
    }>(`${TENANT}/auditing/events?user=alice&verb=delete`);
    expect(events.status).toBe(200);
    expect(events.body.items[0]).toMatchObject({
      user: 'alice',
      verb: 'delete',
      resource: 'users',
      name: 'admin',
      outcome: 'denied',
      code: 403,
    });
    const created = await admin.get<{ items: { name: string; outcome: string }[] }>(
      `${TENANT}/auditing/events?user=admin&resource=users&verb=create`,
    );
    const outcomes = (name: string) =>
      created.body.items.filter((e) => e.name === name).map((e) => e.outcome);
    expect(outcomes('alice')).toEqual(['failure', 'success']); // the duplicate, then the original
    expect(outcomes('Bad_Name')).toEqual(['failure']);
    expect((await alice.get(`${TENANT}/auditing/events`)).status).toBe(403);
  });

  it('serves the OpenAPI description and the API documentation page without a token', async () => {
    const doc = (await (await fetch(`${env.url}/kapis/openapi/v3`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/oauth/token',
        `${IAM}/users`,
        `${TENANT}/workspaces/{workspace}/namespaces`,
        '/kapis/resources.kubesphere.io/v1alpha3/namespaces/{namespace}/{resources}',
      ]),
    );
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (ops) => Object.values(ops).map((o) => o.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const page = await fetch(`${env.url}/api-docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/kapis/openapi/v3');
  });
});

describe.each(backends())('default admin password (%s cluster)', (backend) => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv(backend, { adminPassword: undefined });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('must be changed at first login before anything else is allowed', async () => {
    const r = await login(env.url, 'admin', 'P@88w0rd');
    expect(r.status).toBe(200);
    expect(r.body.uninitialized).toBe(true);
    const api = new Api(env.url, r.body.access_token);
    const blocked = await api.get(`${IAM}/users`);
    expect(blocked.status).toBe(403);
    expect((blocked.body as { message: string }).message).toContain('must change the default password');
    expect((await api.get(`${IAM}/users/admin`)).status).toBe(200);
    expect(
      (
        await api.put(`${IAM}/users/admin/password`, {
          currentPassword: 'P@88w0rd',
          password: 'Sphere-Adm1n',
        })
      ).status,
    ).toBe(200);
    expect((await api.get(`${IAM}/users`)).status).toBe(200);
    const again = await login(env.url, 'admin', 'Sphere-Adm1n');
    expect(again.body.uninitialized).toBeUndefined();
  });
});
