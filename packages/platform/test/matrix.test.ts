/**
 * Permission matrix: every built-in role at every scope against list/get/create/update/delete on projects,
 * members, roles, workloads and secrets, including cross-workspace isolation (nothing of workspace wb is
 * visible or touchable from workspace wa — not through lists, label selectors, watches or the proxy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Api,
  IAM,
  RES,
  TENANT,
  backends,
  newUser,
  session,
  startEnv,
  type Env,
  type Reply,
} from './harness';

const PW = 'Passw0rd!x';
type Outcome = 'ok' | 'denied' | 'empty';

const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 0,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    },
  },
});
const secret = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name },
  stringData: { k: 'v' },
});
const MERGE = { 'content-type': 'application/merge-patch+json' };

interface Action {
  setup?: (admin: Api, id: string) => Promise<unknown>;
  run: (api: Api, id: string) => Promise<Reply>;
}

/** Actions against project `ns` in workspace `ws`. */
function actions(ws: string, ns: string): Record<string, Action> {
  return {
    [`list projects ${ws}`]: { run: (a) => a.get(`${TENANT}/workspaces/${ws}/namespaces`) },
    [`get project ${ns}`]: { run: (a) => a.get(`${TENANT}/workspaces/${ws}/namespaces/${ns}`) },
    [`create project in ${ws}`]: {
      run: (a, id) => a.post(`${TENANT}/workspaces/${ws}/namespaces`, { metadata: { name: `new-${id}` } }),
    },
    [`delete project in ${ws}`]: {
      setup: (admin, id) =>
        admin.post(`${TENANT}/workspaces/${ws}/namespaces`, { metadata: { name: `old-${id}` } }),
      run: (a, id) => a.delete(`${TENANT}/workspaces/${ws}/namespaces/old-${id}`),
    },
    [`get workspace ${ws}`]: { run: (a) => a.get(`${TENANT}/workspaces/${ws}`) },
    [`update workspace ${ws}`]: {
      run: (a, id) =>
        a.call(
          'PATCH',
          `${TENANT}/workspaces/${ws}`,
          { metadata: { annotations: { 'kubesphere.io/description': id } } },
          MERGE,
        ),
    },
    [`list members ${ns}`]: { run: (a) => a.get(`${IAM}/namespaces/${ns}/members`) },
    [`get member ${ns}`]: { run: (a) => a.get(`${IAM}/namespaces/${ns}/members/admin`) },
    [`add member ${ns}`]: {
      run: (a) => a.post(`${IAM}/namespaces/${ns}/members`, [{ username: 'bob', roleRef: 'viewer' }]),
    },
    [`update member ${ns}`]: {
      setup: (admin) =>
        admin.post(`${IAM}/namespaces/${ns}/members`, [{ username: 'carol', roleRef: 'viewer' }]),
      run: (a) => a.put(`${IAM}/namespaces/${ns}/members/carol`, { username: 'carol', roleRef: 'operator' }),
    },
    [`remove member ${ns}`]: {
      setup: (admin) =>
        admin.post(`${IAM}/namespaces/${ns}/members`, [{ username: 'dave', roleRef: 'viewer' }]),
      run: (a) => a.delete(`${IAM}/namespaces/${ns}/members/dave`),
    },
    [`list workspace members ${ws}`]: { run: (a) => a.get(`${IAM}/workspaces/${ws}/workspacemembers`) },
    [`add workspace member ${ws}`]: {
      run: (a) =>
        a.post(`${IAM}/workspaces/${ws}/workspacemembers`, [
          { username: 'bob', roleRef: 'workspace-viewer' },
        ]),
    },
    [`list workspace roles ${ws}`]: { run: (a) => a.get(`${IAM}/workspaces/${ws}/workspaceroles`) },
    [`list roles ${ns}`]: { run: (a) => a.get(`${IAM}/namespaces/${ns}/roles`) },
    [`create role ${ns}`]: {
      run: (a, id) =>
        a.post(`${IAM}/namespaces/${ns}/roles`, {
          metadata: { name: `r-${id}` },
          rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
        }),
    },
    [`get role ${ns}`]: { run: (a) => a.get(`${IAM}/namespaces/${ns}/roles/viewer`) },
    [`update role ${ns}`]: {
      setup: (admin, id) =>
        admin.post(`${IAM}/namespaces/${ns}/roles`, { metadata: { name: `u-${id}` }, rules: [] }),
      run: (a, id) =>
        a.put(`${IAM}/namespaces/${ns}/roles/u-${id}`, {
          metadata: { name: `u-${id}` },
          rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
        }),
    },
    [`delete role ${ns}`]: {
      setup: (admin, id) =>
        admin.post(`${IAM}/namespaces/${ns}/roles`, { metadata: { name: `d-${id}` }, rules: [] }),
      run: (a, id) => a.delete(`${IAM}/namespaces/${ns}/roles/d-${id}`),
    },
    [`list deployments ${ns}`]: { run: (a) => a.get(`/apis/apps/v1/namespaces/${ns}/deployments`) },
    [`get deployment ${ns}`]: { run: (a) => a.get(`/apis/apps/v1/namespaces/${ns}/deployments/web`) },
    [`list controllerrevisions ${ns}`]: {
      run: (a) => a.get(`/apis/apps/v1/namespaces/${ns}/controllerrevisions`),
    },
    [`create deployment ${ns}`]: {
      run: (a, id) => a.post(`/apis/apps/v1/namespaces/${ns}/deployments`, deployment(`d-${id}`)),
    },
    [`update deployment ${ns}`]: {
      run: (a) =>
        a.call(
          'PATCH',
          `/apis/apps/v1/namespaces/${ns}/deployments/web`,
          { metadata: { labels: { touched: 'yes' } } },
          MERGE,
        ),
    },
    [`delete deployment ${ns}`]: {
      setup: (admin, id) => admin.post(`/apis/apps/v1/namespaces/${ns}/deployments`, deployment(`x-${id}`)),
      run: (a, id) => a.delete(`/apis/apps/v1/namespaces/${ns}/deployments/x-${id}`),
    },
    [`list secrets ${ns}`]: { run: (a) => a.get(`/api/v1/namespaces/${ns}/secrets`) },
    [`list secrets ${ns} (v1alpha3)`]: { run: (a) => a.get(`${RES}/namespaces/${ns}/secrets`) },
    [`get secret ${ns}`]: { run: (a) => a.get(`/api/v1/namespaces/${ns}/secrets/token`) },
    [`create secret ${ns}`]: {
      run: (a, id) => a.post(`/api/v1/namespaces/${ns}/secrets`, secret(`s-${id}`)),
    },
    [`delete secret ${ns}`]: {
      setup: (admin, id) => admin.post(`/api/v1/namespaces/${ns}/secrets`, secret(`z-${id}`)),
      run: (a, id) => a.delete(`/api/v1/namespaces/${ns}/secrets/z-${id}`),
    },
  };
}

const A = actions('wa', 'pa');
const B = actions('wb', 'pb');
const names = Object.keys(A);
const isolationNames = Object.keys(B);

// Expected outcomes in workspace wa / project pa, by subject. Anything not listed is 'denied'.
const all = (o: Outcome) =>
  Object.fromEntries(names.map((n) => [n, n.startsWith('list controllerrevisions') ? 'empty' : o]));
const only = (entries: Record<string, Outcome>) => entries;
const readPa = (...extra: string[]) =>
  Object.fromEntries(
    [
      'list projects wa',
      'get project pa',
      'get workspace wa',
      'list members pa',
      'get member pa',
      'list roles pa',
      'get role pa',
      'list deployments pa',
      'get deployment pa',
      'list secrets pa',
      'list secrets pa (v1alpha3)',
      'get secret pa',
      ...extra,
    ]
      .map((n) => [n, 'ok' as Outcome])
      // No StatefulSet or DaemonSet exists in the fixture, so a permitted revision list is empty.
      .concat([['list controllerrevisions pa', 'empty']]),
  );
const writeWorkloads = Object.fromEntries(
  [
    'create deployment pa',
    'update deployment pa',
    'delete deployment pa',
    'create secret pa',
    'delete secret pa',
  ].map((n) => [n, 'ok' as Outcome]),
);

const expected: Record<string, Record<string, Outcome>> = {
  admin: all('ok'),
  'users-mgr': {},
  'ws-mgr': only({
    'list projects wa': 'empty',
    'get workspace wa': 'ok',
    'update workspace wa': 'ok',
    'list workspace members wa': 'ok',
    'add workspace member wa': 'ok',
    'list workspace roles wa': 'ok',
  }),
  regular: {},
  'wa-admin': all('ok'),
  'wa-selfprov': only({
    'list projects wa': 'empty',
    'get workspace wa': 'ok',
    'create project in wa': 'ok',
    'list workspace members wa': 'ok',
  }),
  'wa-regular': only({
    'list projects wa': 'empty',
    'get workspace wa': 'ok',
    'list workspace members wa': 'ok',
  }),
  'wa-viewer': { ...readPa('list workspace members wa', 'list workspace roles wa') },
  'pa-admin': {
    ...readPa(),
    ...writeWorkloads,
    'add member pa': 'ok',
    'update member pa': 'ok',
    'remove member pa': 'ok',
    'create role pa': 'ok',
    'update role pa': 'ok',
    'delete role pa': 'ok',
  },
  'pa-operator': { ...readPa(), ...writeWorkloads },
  'pa-viewer': readPa(),
};
// Cross-workspace: only the platform admin reaches wb; the workspaces manager manages wb's membership.
const expectedB: Record<string, Record<string, Outcome>> = {
  admin: Object.fromEntries(
    isolationNames.map((n) => [n, n.startsWith('list controllerrevisions') ? 'empty' : 'ok']),
  ),
  'ws-mgr': {
    'list projects wb': 'empty',
    'get workspace wb': 'ok',
    'update workspace wb': 'ok',
    'list workspace members wb': 'ok',
    'add workspace member wb': 'ok',
    'list workspace roles wb': 'ok',
  },
};

function outcomeOf(r: Reply): Outcome | string {
  if (r.status === 403) return 'denied';
  if (r.status >= 200 && r.status < 300) {
    const items = (r.body as { items?: unknown[] } | undefined)?.items;
    return Array.isArray(items) && items.length === 0 ? 'empty' : 'ok';
  }
  return `HTTP ${r.status}: ${JSON.stringify(r.body)}`;
}

describe.each(backends())('permission matrix (%s cluster)', (backend) => {
  let env: Env;
  let admin: Api;
  const sessions: Record<string, Api> = {};
  let counter = 0;

  beforeAll(async () => {
    env = await startEnv(backend);
    admin = await session(env.url, 'admin', ADMIN_PASSWORD);
    const users: [string, string][] = [
      ['users-mgr', 'users-manager'],
      ['ws-mgr', 'workspaces-manager'],
      ['regular', 'platform-regular'],
      ['wa-admin', 'platform-regular'],
      ['wa-selfprov', 'platform-regular'],
      ['wa-regular', 'platform-regular'],
      ['wa-viewer', 'platform-regular'],
      ['pa-admin', 'platform-regular'],
      ['pa-operator', 'platform-regular'],
      ['pa-viewer', 'platform-regular'],
      ['wb-admin', 'platform-regular'],
      ['bob', 'platform-regular'],
      ['carol', 'platform-regular'],
      ['dave', 'platform-regular'],
    ];
    for (const [name, role] of users)
      expect((await admin.post(`${IAM}/users`, newUser(name, role, PW))).status).toBe(201);
    for (const [ws, manager] of [
      ['wa', 'wa-admin'],
      ['wb', 'wb-admin'],
    ]) {
      expect(
        (
          await admin.post(`${TENANT}/workspaces`, {
            metadata: { name: ws },
            spec: { template: { spec: { manager } } },
          })
        ).status,
      ).toBe(201);
    }
    await admin.post(`${IAM}/workspaces/wa/workspacemembers`, [
      { username: 'wa-selfprov', roleRef: 'workspace-self-provisioner' },
      { username: 'wa-regular', roleRef: 'workspace-regular' },
      { username: 'wa-viewer', roleRef: 'workspace-viewer' },
    ]);
    for (const [ws, ns] of [
      ['wa', 'pa'],
      ['wb', 'pb'],
    ]) {
      expect(
        (await admin.post(`${TENANT}/workspaces/${ws}/namespaces`, { metadata: { name: ns } })).status,
      ).toBe(201);
      expect((await admin.post(`/apis/apps/v1/namespaces/${ns}/deployments`, deployment('web'))).status).toBe(
        201,
      );
      expect((await admin.post(`/api/v1/namespaces/${ns}/secrets`, secret('token'))).status).toBe(201);
    }
    await admin.post(`${IAM}/namespaces/pa/members`, [
      { username: 'pa-admin', roleRef: 'admin' },
      { username: 'pa-operator', roleRef: 'operator' },
      { username: 'pa-viewer', roleRef: 'viewer' },
    ]);
    for (const [name] of users) sessions[name] = await session(env.url, name, PW);
    sessions.admin = admin;
  });
  afterAll(async () => {
    await env?.stop();
  });

  const subjects = Object.keys(expected);
  const rows = subjects.flatMap((s) => names.map((n) => [s, n, expected[s][n] ?? 'denied'] as const));
  it.each(rows)('%s: %s → %s', async (subject, action, want) => {
    const id = `${++counter}`;
    await A[action].setup?.(admin, id);
    expect(outcomeOf(await A[action].run(sessions[subject], id))).toBe(want);
  });

  const isoRows = subjects.flatMap((s) =>
    isolationNames.map((n) => [s, n, expectedB[s]?.[n] ?? 'denied'] as const),
  );
  it.each(isoRows)('isolation %s: %s → %s', async (subject, action, want) => {
    const id = `b${++counter}`;
    await B[action].setup?.(admin, id);
    expect(outcomeOf(await B[action].run(sessions[subject], id))).toBe(want);
  });

  describe('cross-workspace isolation through lists, selectors and watch', () => {
    const namesOf = (r: Reply) =>
      ((r.body as { items: { metadata: { name: string; namespace?: string } }[] }).items ?? []).map(
        (i) => `${i.metadata.namespace ?? ''}/${i.metadata.name}`,
      );

    it.each(['wa-admin', 'pa-admin', 'wa-viewer'])(
      '%s: cluster-wide lists hold nothing of wb',
      async (who) => {
        const api = sessions[who];
        for (const path of [
          '/api/v1/secrets',
          `${RES}/secrets`,
          '/apis/apps/v1/deployments',
          `${RES}/deployments`,
        ]) {
          const r = await api.get(path);
          expect(r.status, path).toBe(200);
          expect(
            namesOf(r).some((n) => n.startsWith('pb/')),
            path,
          ).toBe(false);
          expect(
            namesOf(r).some((n) => n.startsWith('pa/')),
            path,
          ).toBe(true);
        }
        for (const path of ['/api/v1/namespaces', `${RES}/namespaces`, `${TENANT}/namespaces`]) {
          const r = await api.get(path);
          expect(r.status, path).toBe(200);
          expect(namesOf(r), path).toContain('/pa');
          expect(namesOf(r), path).not.toContain('/pb');
        }
      },
    );

    it('label selectors and filters do not reach into wb', async () => {
      const api = sessions['wa-admin'];
      for (const path of [
        '/api/v1/namespaces?labelSelector=kubesphere.io%2Fworkspace%3Dwb',
        `${RES}/namespaces?label=kubesphere.io%2Fworkspace%3Dwb`,
        `${RES}/secrets?namespace=pb`,
        `${TENANT}/workspaces?name=wb`,
      ]) {
        const r = await api.get(path);
        expect(r.status, path).toBe(200);
        expect(namesOf(r), path).toEqual([]);
      }
      expect((await api.get('/api/v1/namespaces/pb/secrets?labelSelector=x%3Dy')).status).toBe(403);
      expect((await api.get(`${RES}/namespaces/pb/secrets`)).status).toBe(403);
      expect((await api.get(`${IAM}/workspaces/wb/workspacemembers`)).status).toBe(403);
      expect((await api.get(`${TENANT}/workspaces/wb`)).status).toBe(403);
    });

    it('a watch on a wb project is refused and a cluster-wide watch carries no wb events', async () => {
      const api = sessions['wa-admin'];
      expect((await api.get('/api/v1/namespaces/pb/secrets?watch=true')).status).toBe(403);
      const controller = new AbortController();
      const res = await fetch(`${env.url}/api/v1/secrets?watch=true`, {
        headers: { authorization: `Bearer ${api.token}` },
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      const seen: string[] = [];
      const reader = res.body!.getReader();
      const done = (async () => {
        let buf = '';
        while (!seen.includes('pa/w-pa')) {
          const { value, done: end } = await reader.read();
          if (end) break;
          buf += new TextDecoder().decode(value);
          let nl;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const ev = JSON.parse(buf.slice(0, nl)) as {
              object: { metadata: { namespace: string; name: string } };
            };
            seen.push(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
            buf = buf.slice(nl + 1);
          }
        }
      })();
      await admin.post('/api/v1/namespaces/pb/secrets', secret('w-pb'));
      await admin.post('/api/v1/namespaces/pa/secrets', secret('w-pa'));
      await done;
      controller.abort();
      expect(seen).toContain('pa/w-pa');
      expect(seen.filter((s) => s.startsWith('pb/'))).toEqual([]);
    });

    it('a project admin cannot move its project into another workspace, but may edit it otherwise', async () => {
      const api = sessions['pa-admin'];
      const MERGE = { 'content-type': 'application/merge-patch+json' };
      const move = await api.call(
        'PATCH',
        '/api/v1/namespaces/pa',
        { metadata: { labels: { 'kubesphere.io/workspace': 'wb' } } },
        MERGE,
      );
      expect(move.status).toBe(403);
      expect((move.body as { message: string }).message).toContain(
        'cannot change the workspace of namespace "pa"',
      );
      const edit = await api.call(
        'PATCH',
        '/api/v1/namespaces/pa',
        { metadata: { annotations: { 'kubesphere.io/description': 'mine' } } },
        MERGE,
      );
      expect(edit.status).toBe(200);
      expect(
        (await admin.get<{ metadata: { labels: Record<string, string> } }>('/api/v1/namespaces/pa')).body
          .metadata.labels['kubesphere.io/workspace'],
      ).toBe('wa');
    });

    it('the 403 is a Kubernetes Status naming user, verb and resource', async () => {
      const r = await sessions['wa-admin'].delete('/api/v1/namespaces/pb/secrets/token');
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message: 'user "wa-admin" cannot delete resource "secrets" in API group "" in the namespace "pb"',
      });
    });
  });
});
