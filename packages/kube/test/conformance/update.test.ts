import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster();
  await t.k(['create', 'namespace', 'upd']);
});
afterAll(async () => t?.stop());

const manifest = (image: string, replicas = 1, extraEnv = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: upd }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${image}
          env:
            - { name: A, value: "1" }${extraEnv}
        - name: sidecar
          image: busybox
`;

const json = async (args: string[]) => JSON.parse(await t.k([...args, '-o', 'json']));

describe('apply (client side)', () => {
  it('creates, reports unchanged, then updates with a strategic merge patch', async () => {
    expect(await t.k(['apply', '-f', t.file('a.yaml', manifest('nginx:1'))])).toMatch(
      /deployment.apps\/web created/,
    );
    expect(await t.k(['apply', '-f', t.file('a.yaml', manifest('nginx:1'))])).toMatch(
      /deployment.apps\/web unchanged/,
    );
    expect(
      await t.k([
        'apply',
        '-f',
        t.file('b.yaml', manifest('nginx:2', 3, '\n            - { name: B, value: "2" }')),
      ]),
    ).toMatch(/configured/);
    const d = await json(['get', 'deploy', 'web', '-n', 'upd']);
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['web', 'sidecar']);
    expect(d.spec.template.spec.containers[0]).toMatchObject({
      image: 'nginx:2',
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    });
    expect(d.metadata.generation).toBe(2);
    expect(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('nginx:2');
  });

  it('removes a field that disappears from the manifest', async () => {
    await t.k(['apply', '-f', t.file('c.yaml', manifest('nginx:2', 3))]);
    const d = await json(['get', 'deploy', 'web', '-n', 'upd']);
    expect(d.spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
  });
});

describe('apply --server-side', () => {
  it('creates and updates a configmap with managedFields', async () => {
    const cm = (v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ssa, namespace: upd }\ndata: { k: "${v}" }\n`;
    expect(await t.k(['apply', '--server-side', '-f', t.file('s1.yaml', cm('1'))])).toMatch(
      /configmap\/ssa serverside-applied/,
    );
    expect(await t.k(['apply', '--server-side', '-f', t.file('s2.yaml', cm('2'))])).toMatch(
      /serverside-applied/,
    );
    const obj = await json(['get', 'cm', 'ssa', '-n', 'upd', '--show-managed-fields']);
    expect(obj.data.k).toBe('2');
    expect(
      obj.metadata.managedFields.some(
        (m: { manager: string; operation: string }) => m.manager === 'kubectl' && m.operation === 'Apply',
      ),
    ).toBe(true);
  });
});

describe('patch, label, annotate, scale, replace, edit', () => {
  it('applies merge, json and strategic patches', async () => {
    await t.k([
      'patch',
      'deploy',
      'web',
      '-n',
      'upd',
      '--type=merge',
      '-p',
      '{"metadata":{"labels":{"m":"1"}}}',
    ]);
    await t.k([
      'patch',
      'deploy',
      'web',
      '-n',
      'upd',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":2}]',
    ]);
    await t.k([
      'patch',
      'deploy',
      'web',
      '-n',
      'upd',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:2"}]}}}}',
    ]);
    const d = await json(['get', 'deploy', 'web', '-n', 'upd']);
    expect(d.metadata.labels.m).toBe('1');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual([
      'nginx:2',
      'busybox:2',
    ]);
    const bad = await t.kubectl([
      'patch',
      'deploy',
      'web',
      '-n',
      'upd',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/spec/replicas","value":99}]',
    ]);
    expect(bad.code).not.toBe(0);
  });

  it('labels, annotates and scales', async () => {
    await t.k(['label', 'deploy', 'web', '-n', 'upd', 'team=blue']);
    await t.k(['annotate', 'deploy', 'web', '-n', 'upd', 'note=hello']);
    expect(await t.k(['scale', 'deploy', 'web', '-n', 'upd', '--replicas=5'])).toMatch(/scaled/);
    const d = await json(['get', 'deploy', 'web', '-n', 'upd']);
    expect(d.metadata.labels.team).toBe('blue');
    expect(d.metadata.annotations.note).toBe('hello');
    expect(d.spec.replicas).toBe(5);
    const overwrite = await t.kubectl(['label', 'deploy', 'web', '-n', 'upd', 'team=red']);
    expect(overwrite.stderr).toMatch(/already has a value \(blue\)/);
    await t.k(['label', 'deploy', 'web', '-n', 'upd', 'team-']);
    expect((await json(['get', 'deploy', 'web', '-n', 'upd'])).metadata.labels.team).toBeUndefined();
  });

  it('replaces and detects conflicts on stale resourceVersions', async () => {
    // A ConfigMap: no controller writes it between our read and our replace.
    await t.k(['create', 'configmap', 'rep', '-n', 'upd', '--from-literal=a=1']);
    const current = await json(['get', 'cm', 'rep', '-n', 'upd']);
    current.data.a = '2';
    expect(await t.k(['replace', '-f', t.file('r.json', JSON.stringify(current))])).toMatch(
      /configmap\/rep replaced/,
    );
    const stale = await t.kubectl(['replace', '-f', t.file('r.json', JSON.stringify(current))]);
    expect(stale.stderr).toMatch(
      /Operation cannot be fulfilled on configmaps "rep": the object has been modified/,
    );
    const scaled = await json(['get', 'deploy', 'web', '-n', 'upd']);
    delete scaled.metadata.resourceVersion;
    scaled.spec.replicas = 1;
    expect(await t.k(['replace', '-f', t.file('r2.json', JSON.stringify(scaled))])).toMatch(/replaced/);
  });

  it('edits through $EDITOR', async () => {
    const editor = t.file('editor.sh', '#!/bin/sh\nsed -i "s/image: nginx:2/image: nginx:3/" "$1"\n');
    chmodSync(editor, 0o755);
    expect(await t.k(['edit', 'deploy', 'web', '-n', 'upd'], { env: { KUBE_EDITOR: editor } })).toMatch(
      /edited/,
    );
    expect(
      await t.k([
        'get',
        'deploy',
        'web',
        '-n',
        'upd',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ]),
    ).toBe('nginx:3');
  });

  it('honours --dry-run=server', async () => {
    await t.k(['scale', 'deploy', 'web', '-n', 'upd', '--replicas=1']);
    expect(
      await t.k(['apply', '--dry-run=server', '-f', t.file('dry.yaml', manifest('nginx:dry', 9))]),
    ).toMatch(/server dry run/);
    expect(await t.k(['get', 'deploy', 'web', '-n', 'upd', '-o', 'jsonpath={.spec.replicas}'])).toBe('1');
  });
});
