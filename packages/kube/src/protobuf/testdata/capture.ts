/**
 * Throw-away fixture recorder (not part of the test run). Starts a tiny fake API server on 127.0.0.1 that
 * answers /version (1.32, so the kubectl dispatcher runs kubectl 1.32), legacy discovery, and records every
 * POST body; then runs the real `kubectl create <generator>` commands listed in cases.ts and writes, per case:
 *   <name>.bin   the protobuf request body kubectl sent
 *   <name>.json  `kubectl create ... --dry-run=client -o json` (the JSON kubectl would have sent), if any
 * Usage: npx tsx packages/kube/src/protobuf/testdata/capture.ts
 */
import { execFile, execFileSync } from 'node:child_process';
import { isDeepStrictEqual, promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEnvelope, decodeKubernetesProtobuf, isKubernetesProtobuf } from '../decode';
import { CASES } from './cases';

/** Go prints zero Times and nil slices as null; the decoder leaves them out (see message.ts). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** Replies kubectl accepts for the review kinds (it prints their status). */
function status(kind: string): object {
  if (kind === 'TokenRequest') return { token: 'tok', expirationTimestamp: '2030-01-01T00:00:00Z' };
  if (kind === 'SelfSubjectRulesReview') {
    return {
      resourceRules: [{ verbs: ['get'], resources: ['pods'] }],
      nonResourceRules: [],
      incomplete: false,
    };
  }
  if (kind === 'SelfSubjectReview') return { userInfo: { username: 'alice', groups: ['devs'] } };
  return { allowed: true };
}

const GROUPS: Record<string, { version: string; resources: [string, string, boolean][] }> = {
  '': {
    version: 'v1',
    resources: [
      ['namespaces', 'Namespace', false],
      ['configmaps', 'ConfigMap', true],
      ['secrets', 'Secret', true],
      ['services', 'Service', true],
      ['serviceaccounts', 'ServiceAccount', true],
      ['resourcequotas', 'ResourceQuota', true],
      ['pods', 'Pod', true],
      ['pods/log', 'Pod', true],
      ['nodes', 'Node', false],
    ],
  },
  apps: {
    version: 'v1',
    resources: [
      ['deployments', 'Deployment', true],
      ['deployments/scale', 'Scale', true],
    ],
  },
  batch: {
    version: 'v1',
    resources: [
      ['jobs', 'Job', true],
      ['cronjobs', 'CronJob', true],
    ],
  },
  'networking.k8s.io': { version: 'v1', resources: [['ingresses', 'Ingress', true]] },
  policy: { version: 'v1', resources: [['poddisruptionbudgets', 'PodDisruptionBudget', true]] },
  'scheduling.k8s.io': { version: 'v1', resources: [['priorityclasses', 'PriorityClass', false]] },
  'rbac.authorization.k8s.io': {
    version: 'v1',
    resources: [
      ['roles', 'Role', true],
      ['rolebindings', 'RoleBinding', true],
      ['clusterroles', 'ClusterRole', false],
      ['clusterrolebindings', 'ClusterRoleBinding', false],
    ],
  },
  'authorization.k8s.io': {
    version: 'v1',
    resources: [['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false]],
  },
};

function resourceList(groupVersion: string, resources: [string, string, boolean][]): object {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources.map(([name, kind, namespaced]) => ({
      name,
      singularName: name.includes('/') ? '' : kind.toLowerCase(),
      namespaced,
      kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  };
}

/** The CronJob `create job --from=cronjob/tick` reads. */
const CRONJOB = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'tick', namespace: 'default', uid: '6f1c2a4e-0000-4000-8000-000000000001' },
  spec: {
    schedule: '*/5 * * * *',
    jobTemplate: {
      metadata: { labels: { app: 'tick' } },
      spec: {
        backoffLimit: 2,
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'tick', image: 'busybox', command: ['date'] }],
          },
        },
      },
    },
  },
};

function discovery(path: string): object | undefined {
  if (path === '/version') {
    return { major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' };
  }
  if (path === '/apis/batch/v1/namespaces/default/cronjobs/tick') return CRONJOB;
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/api/v1') return resourceList('v1', GROUPS[''].resources);
  if (path === '/apis') {
    const groups = Object.entries(GROUPS)
      .filter(([g]) => g)
      .map(([name, { version }]) => {
        const gv = { groupVersion: `${name}/${version}`, version };
        return { name, versions: [gv], preferredVersion: gv };
      });
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }
  const m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
  if (m && GROUPS[m[1]]?.version === m[2]) return resourceList(`${m[1]}/${m[2]}`, GROUPS[m[1]].resources);
  return undefined;
}

function reply(res: ServerResponse, code: number, body: object): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function main(): Promise<void> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const work = mkdtempSync(join(tmpdir(), 'pb-capture-'));
  const posts: Buffer[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET') {
        const doc = discovery(path);
        if (doc) return reply(res, 200, doc);
        return reply(res, 404, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          code: 404,
          reason: 'NotFound',
        });
      }
      const body = Buffer.concat(chunks);
      if (!isKubernetesProtobuf(req.headers['content-type'])) {
        console.error(`non-protobuf ${req.method} ${path}: ${req.headers['content-type']}`);
      }
      posts.push(body);
      const { apiVersion, kind } = decodeEnvelope(body);
      return reply(res, 201, {
        apiVersion,
        kind,
        metadata: { name: path.split('/').pop(), uid: 'u1', resourceVersion: '1' },
        status: status(kind),
      });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const kubeconfig = join(work, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${port}\n` +
      `contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: default\n` +
      `current-context: c\nusers:\n- name: u\n  user:\n    token: t\n`,
  );
  writeFileSync(join(work, 'bin'), Buffer.from([0xff, 0x00, 0xfe, 0x01]));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:1024',
      '-nodes',
      '-subj',
      '/CN=x',
      '-days',
      '1',
      '-keyout',
      join(work, 'key'),
      '-out',
      join(work, 'crt'),
    ],
    { stdio: 'ignore' },
  );
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: work };
  const subst = (a: string): string =>
    a
      .replace('@BIN', join(work, 'bin'))
      .replace('@CRT', join(work, 'crt'))
      .replace('@KEY', join(work, 'key'));
  // Asynchronous on purpose: a synchronous child would block the event loop that serves kubectl.
  const run = async (args: string[]): Promise<string> =>
    (await promisify(execFile)('kubectl', args.map(subst), { env, encoding: 'utf8' })).stdout;
  for (const c of CASES) {
    const before = posts.length;
    try {
      console.log(`${c.name}: ${(await run(c.args)).trim()}`);
    } catch (err) {
      // `auth can-i` exits 1 when the answer is "no"; the request was still recorded.
      const stderr = (err as { stderr?: string }).stderr ?? '';
      console.log(`${c.name}: kubectl failed: ${stderr.trim() || (err as Error).message}`);
    }
    if (posts.length !== before + 1) {
      console.log(`${c.name}: expected one POST, saw ${posts.length - before}`);
      continue;
    }
    const body = posts[posts.length - 1];
    if (c.commit !== false) writeFileSync(join(here, `${c.name}.bin`), body);
    if (c.dryRun) {
      // Flags must precede `--`, after which everything is the container command.
      const dash = c.args.includes('--') ? c.args.indexOf('--') : c.args.length;
      const json = await run([
        ...c.args.slice(0, dash),
        '--dry-run=client',
        '-o',
        'json',
        ...c.args.slice(dash),
      ]);
      if (c.commit !== false) writeFileSync(join(here, `${c.name}.json`), json);
      const same = isDeepStrictEqual(decodeKubernetesProtobuf(body), withoutNulls(JSON.parse(json)));
      console.log(`${c.name}: decoded body ${same ? 'equals' : 'DIFFERS FROM'} the dry-run JSON`);
    }
  }
  server.close();
}

void main();
