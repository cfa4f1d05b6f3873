/**
 * Serves the generated `/openapi/v3` documents with a tiny fake discovery to the real kubectl (v1.32 on the
 * PATH) and checks that `kubectl explain` reads them and that client-side apply computes its strategic
 * merge patch from them (merge keys instead of replacing lists).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceDescriptor } from '../registry/types';
import {
  buildOpenApiV3Document,
  buildOpenApiV3Root,
  openApiDocumentHash,
  openApiPathOf,
  type NamingSchemaRegistry,
} from './openapi';
import { createSchemaRegistry, fromOpenApiV3Schema } from './registry';

const deployments: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  hasStatus: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas' },
  strategicMerge: true,
};
const pods: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  hasStatus: true,
  strategicMerge: true,
};

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u1',
    resourceVersion: '5',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1', ports: [{ containerPort: 80 }] }] },
          },
        },
      }),
    },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1', ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { name: 'sidecar', image: 'envoy' },
        ],
      },
    },
  },
};

/** Built-ins plus one custom kind, as the CRD controller layers them. */
const layered = createSchemaRegistry();
const widgets: ResourceDescriptor = {
  group: 'example.com',
  version: 'v1',
  kind: 'Widget',
  plural: 'widgets',
  singular: 'widget',
  namespaced: true,
  custom: true,
  schemaId: layered.setKind({
    group: 'example.com',
    version: 'v1',
    kind: 'Widget',
    schema: fromOpenApiV3Schema({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          description: 'Desired widget.',
          properties: {
            size: { type: 'integer', description: 'How big.' },
            tags: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    }),
  }),
};
const liveWidget = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: {
    name: 'w',
    namespace: 'default',
    uid: 'u2',
    resourceVersion: '7',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'default' },
        spec: { size: 1, tags: ['a', 'b'] },
      }),
    },
  },
  spec: { size: 1, tags: ['a', 'b'] },
};

/** The registry whose documents the fake server serves (a test swaps in a doctored one). */
let served: NamingSchemaRegistry = layered;

/** Built-ins, except that PodSpec.containers merges by `image`: proves kubectl reads our merge keys. */
const doctored: NamingSchemaRegistry = {
  forKind: (g, v, k) => layered.forKind(g, v, k),
  idForKind: (g, v, k) => layered.idForKind(g, v, k),
  resolve: (ref) => {
    const node = layered.resolve(ref);
    if (ref !== 'io.k8s.api.core.v1.PodSpec' || !node?.properties) return node;
    const containers = { ...node.properties.containers, patchMergeKey: 'image' };
    return { ...node, properties: { ...node.properties, containers } };
  },
};

let server: Server;
let dir: string;
let kubeconfig: string;
const patches: { contentType: string; query: string; body: string }[] = [];

function send(res: ServerResponse, body: unknown, code = 200) {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function resourceList(groupVersion: string, d: ResourceDescriptor) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: [
      {
        name: d.plural,
        singularName: d.singular,
        namespaced: true,
        kind: d.kind,
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: d.shortNames,
      },
    ],
  };
}

function handler(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  const docs = new Map(
    [pods, deployments, widgets].map((d) => {
      const doc = buildOpenApiV3Document(d, [d], served);
      return [openApiPathOf(d), { doc, hash: openApiDocumentHash(doc) }];
    }),
  );
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const p = url.pathname;
    if (p === '/version')
      return send(res, { major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' });
    if (p === '/api')
      return send(res, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (p === '/apis') {
      const group = (name: string) => {
        const gv = { groupVersion: `${name}/v1`, version: 'v1' };
        return { name, versions: [gv], preferredVersion: gv };
      };
      return send(res, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [group('apps'), group('example.com')],
      });
    }
    if (p === '/api/v1') return send(res, resourceList('v1', pods));
    if (p === '/apis/apps/v1') return send(res, resourceList('apps/v1', deployments));
    if (p === '/apis/example.com/v1') return send(res, resourceList('example.com/v1', widgets));
    if (p === '/openapi/v3') {
      return send(res, buildOpenApiV3Root([...docs].map(([path, { hash }]) => ({ path, hash }))));
    }
    const doc = docs.get(p.replace('/openapi/v3/', ''));
    if (doc) return send(res, doc.doc);
    if (p === '/apis/apps/v1/namespaces/default/deployments/web') {
      if (req.method === 'PATCH')
        patches.push({ contentType: req.headers['content-type'] ?? '', query: url.search, body });
      return send(res, live);
    }
    if (p === '/apis/example.com/v1/namespaces/default/widgets/w') {
      if (req.method === 'PATCH') {
        patches.push({ contentType: req.headers['content-type'] ?? '', query: url.search, body });
      }
      return send(res, liveWidget);
    }
    send(
      res,
      {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
        message: 'the server could not find the requested resource',
      },
      404,
    );
  });
}

function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
      { env: { ...process.env, HOME: dir, KUBECONFIG: kubeconfig }, timeout: 20_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const hasKubectl = await new Promise<boolean>((resolve) =>
  execFile('kubectl', ['version', '--client'], (err) => resolve(!err)),
);

describe.skipIf(!hasKubectl)('kubectl against the served OpenAPI v3 documents', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sphere-openapi-'));
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]
current-context: c
`,
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains deployment.spec', async () => {
    const out = await kubectl('explain', 'deployment.spec', '--api-version=apps/v1');
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('GROUP:      apps');
    expect(out.stdout).toContain('KIND:       Deployment');
    expect(out.stdout).toMatch(/FIELD: +spec <DeploymentSpec>/);
    expect(out.stdout).toMatch(/template\s+<PodTemplateSpec> -required-/);
    expect(out.stdout).toMatch(/replicas\s+<integer>/);
  });

  it('explains nested fields through references', async () => {
    const out = await kubectl(
      'explain',
      'deployment.spec.template.spec.containers.ports',
      '--api-version=apps/v1',
    );
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/FIELD: +ports <\[\]ContainerPort>/);
    expect(out.stdout).toMatch(/containerPort\s+<integer> -required-/);
  });

  it('explains core kinds, maps of quantities and int-or-string fields', async () => {
    const res = await kubectl('explain', 'pods.spec.containers.resources');
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/limits\s+<map\[string\]Quantity>/);
    const probe = await kubectl('explain', 'pod.spec.containers.livenessProbe.httpGet.port');
    expect(probe.stderr).toBe('');
    expect(probe.stdout).toMatch(/FIELD: +port <IntOrString>/);
  });

  it('computes client-side apply patches with the served merge keys', async () => {
    const manifest = join(dir, 'web.json');
    const desired = JSON.parse(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    desired.spec.template.spec.containers[0].image = 'nginx:2';
    desired.spec.template.spec.containers[0].ports.push({ containerPort: 443 });
    writeFileSync(manifest, JSON.stringify(desired));
    const out = await kubectl('apply', '-f', manifest);
    expect(out.stderr).toBe('');
    expect(patches).toHaveLength(1);
    const [patch] = patches;
    expect(patch.contentType).toBe('application/strategic-merge-patch+json');
    expect(patch.query).toContain('fieldValidation=Strict');
    const body = JSON.parse(patch.body);
    const podSpec = body.spec.template.spec;
    // A list-replacing (non-strategic) patch would carry the whole containers list without directives.
    expect(podSpec['$setElementOrder/containers']).toEqual([{ name: 'web' }]);
    expect(podSpec.containers[0]).toMatchObject({ name: 'web', image: 'nginx:2' });
    expect(podSpec.containers[0]['$setElementOrder/ports']).toEqual([
      { containerPort: 80 },
      { containerPort: 443 },
    ]);
  });

  it('takes the merge keys from the served document, not from compiled-in types', async () => {
    served = doctored;
    patches.length = 0;
    try {
      const manifest = join(dir, 'web2.json');
      const desired = JSON.parse(
        live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'],
      );
      desired.spec.template.spec.containers[0].image = 'nginx:3';
      writeFileSync(manifest, JSON.stringify(desired));
      const out = await kubectl('apply', '-f', manifest);
      expect(out.stderr).toBe('');
      const body = JSON.parse(patches[0].body);
      expect(body.spec.template.spec['$setElementOrder/containers']).toEqual([{ image: 'nginx:3' }]);
    } finally {
      served = layered;
    }
  });

  it('explains custom kinds from their CRD schema', async () => {
    const out = await kubectl('explain', 'widgets.spec');
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('KIND:       Widget');
    expect(out.stdout).toContain('Desired widget.');
    expect(out.stdout).toMatch(/size\s+<integer>\n\s+How big\./);
  });

  it('applies custom resources with a JSON merge patch (no strategic merge for CRs)', async () => {
    patches.length = 0;
    const manifest = join(dir, 'widget.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        ...JSON.parse(liveWidget.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']),
        spec: { size: 2, tags: ['a'] },
      }),
    );
    const out = await kubectl('apply', '-f', manifest);
    expect(out.stderr).toBe('');
    expect(patches).toHaveLength(1);
    expect(patches[0].contentType).toBe('application/merge-patch+json');
    expect(patches[0].query).toContain('fieldValidation=Strict');
    expect(JSON.parse(patches[0].body).spec).toEqual({ size: 2, tags: ['a'] });
  });
});
