import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster();
  await t.k(['create', 'namespace', 'del']);
});
afterAll(async () => t?.stop());

/** An owner ConfigMap and two dependents that point at it. */
async function family(name: string, block = false): Promise<void> {
  await t.k(['create', 'configmap', name, '-n', 'del']);
  const uid = await t.k(['get', 'cm', name, '-n', 'del', '-o', 'jsonpath={.metadata.uid}']);
  for (const child of ['a', 'b']) {
    const manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `${name}-${child}`,
        namespace: 'del',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name, uid, blockOwnerDeletion: block }],
      },
    };
    await t.k(['create', '-f', t.file(`${name}-${child}.json`, JSON.stringify(manifest))]);
  }
}

const names = async () =>
  (await t.k(['get', 'cm', '-n', 'del', '-o', 'jsonpath={.items[*].metadata.name}']))
    .split(' ')
    .filter(Boolean);

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kubectl delete cascades', () => {
  it('background: the owner goes at once, the garbage collector removes dependents', async () => {
    await family('bg');
    expect(await t.k(['delete', 'cm', 'bg', '-n', 'del'])).toMatch(/configmap "bg" deleted/);
    await eventually(async () => !(await names()).some((n) => n.startsWith('bg')));
  });

  it('orphan: dependents stay and lose their owner reference', async () => {
    await family('or');
    await t.k(['delete', 'cm', 'or', '-n', 'del', '--cascade=orphan']);
    const remaining = (await names()).filter((n) => n.startsWith('or'));
    expect(remaining.sort()).toEqual(['or-a', 'or-b']);
    expect(await t.k(['get', 'cm', 'or-a', '-n', 'del', '-o', 'jsonpath={.metadata.ownerReferences}'])).toBe(
      '',
    );
  });

  it('foreground: dependents go first, then the owner, and --wait returns after', async () => {
    await family('fg', true);
    expect(await t.k(['delete', 'cm', 'fg', '-n', 'del', '--cascade=foreground', '--wait=true'])).toMatch(
      /deleted/,
    );
    expect((await names()).filter((n) => n.startsWith('fg'))).toEqual([]);
  });

  it('holds an object with a finalizer until the finalizer is removed', async () => {
    await t.k(['create', 'configmap', 'held', '-n', 'del']);
    await t.k([
      'patch',
      'cm',
      'held',
      '-n',
      'del',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":["example.com/hold"]}}',
    ]);
    await t.k(['delete', 'cm', 'held', '-n', 'del', '--wait=false']);
    expect(
      await t.k(['get', 'cm', 'held', '-n', 'del', '-o', 'jsonpath={.metadata.deletionTimestamp}']),
    ).not.toBe('');
    const added = await t.kubectl([
      'patch',
      'cm',
      'held',
      '-n',
      'del',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":["example.com/hold","x/y"]}}',
    ]);
    expect(added.stderr).toMatch(/no new finalizers can be added if the object is being deleted/);
    await t.k(['patch', 'cm', 'held', '-n', 'del', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    expect((await t.kubectl(['get', 'cm', 'held', '-n', 'del'])).stderr).toMatch(/NotFound/);
  });
});

describe('kubectl wait', () => {
  it('waits for deletion and for a jsonpath value', async () => {
    await t.k(['create', 'configmap', 'soon', '-n', 'del']);
    const waiting = t.kubectl(['wait', '--for=delete', 'cm/soon', '-n', 'del', '--timeout=10s']);
    await new Promise((r) => setTimeout(r, 300));
    await t.k(['delete', 'cm', 'soon', '-n', 'del']);
    expect((await waiting).code).toBe(0);
    await t.k(['create', 'configmap', 'jp', '-n', 'del', '--from-literal=state=ready']);
    expect(
      await t.k(['wait', '--for=jsonpath={.data.state}=ready', 'cm/jp', '-n', 'del', '--timeout=5s']),
    ).toMatch(/condition met/);
  });
});

describe('namespaces', () => {
  it('empties a namespace, refuses new content while it terminates, then removes it', async () => {
    await t.k(['create', 'namespace', 'doomed']);
    await t.k(['create', 'configmap', 'c1', '-n', 'doomed']);
    await t.k(['create', 'configmap', 'held', '-n', 'doomed']);
    await t.k([
      'patch',
      'cm',
      'held',
      '-n',
      'doomed',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":["example.com/hold"]}}',
    ]);
    await t.k(['delete', 'namespace', 'doomed', '--wait=false']);
    expect(await t.k(['get', 'ns', 'doomed', '-o', 'jsonpath={.status.phase}'])).toBe('Terminating');
    const refused = await t.kubectl(['create', 'configmap', 'late', '-n', 'doomed']);
    expect(refused.stderr).toMatch(
      /unable to create new content in namespace doomed because it is being terminated/,
    );
    await t.k([
      'patch',
      'cm',
      'held',
      '-n',
      'doomed',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    ]);
    await t.k(['wait', '--for=delete', 'namespace/doomed', '--timeout=15s']);
  });

  it('gives every namespace a default service account', async () => {
    await t.k(['create', 'namespace', 'sa-check']);
    await eventually(async () => (await t.kubectl(['get', 'sa', 'default', '-n', 'sa-check'])).code === 0);
  });
});

describe('describe and events', () => {
  it('describes an object and its events', async () => {
    await t.k(['create', 'configmap', 'desc', '-n', 'del', '--from-literal=k=v']);
    const out = await t.k(['describe', 'cm', 'desc', '-n', 'del']);
    expect(out).toMatch(/Name:\s+desc/);
    expect(out).toMatch(/Namespace:\s+del/);
    expect(out).toMatch(/k:\n----\nv/);
  });
});
