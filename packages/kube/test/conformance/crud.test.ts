import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster();
  await t.k(['create', 'namespace', 'crud']);
});
afterAll(async () => t?.stop());

const deployment = (name: string, image = 'nginx:1.25', replicas = 2) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: crud
  labels: { app: ${name}, tier: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: web
          image: ${image}
          ports: [{ containerPort: 80 }]
`;

describe('create, get, list', () => {
  it('creates from a file and prints the standard columns', async () => {
    expect(await t.k(['create', '-f', t.file('d1.yaml', deployment('d1'))])).toMatch(
      /deployment.apps\/d1 created/,
    );
    const out = await t.k(['get', 'deploy', '-n', 'crud']);
    expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(out).toMatch(/d1\s+\d\/2\s+\d\s+\d\s+\d+s/);
    const wide = await t.k(['get', 'deploy', 'd1', '-n', 'crud', '-o', 'wide']);
    expect(wide).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR/);
    expect(wide).toMatch(/web\s+nginx:1\.25\s+app=d1/);
  });

  it('reports AlreadyExists and NotFound as kubectl prints them', async () => {
    const dup = await t.kubectl(['create', '-f', t.file('d1b.yaml', deployment('d1'))]);
    expect(dup.stderr).toMatch(
      /Error from server \(AlreadyExists\): error when creating ".*d1b.yaml": deployments.apps "d1" already exists/,
    );
    const missing = await t.kubectl(['get', 'deploy', 'nope', '-n', 'crud']);
    expect(missing.stderr).toMatch(/Error from server \(NotFound\): deployments.apps "nope" not found/);
  });

  it('rejects invalid objects with 422 causes', async () => {
    const r = await t.kubectl(['create', '-f', t.file('bad.yaml', deployment('Bad_Name'))]);
    expect(r.stderr).toMatch(/is invalid/);
    expect(r.stderr).toMatch(/metadata.name/);
    const neg = await t.kubectl(['create', '-f', t.file('neg.yaml', deployment('neg', 'nginx', -1))]);
    expect(neg.stderr).toMatch(/spec.replicas: Invalid value: -1: must be greater than or equal to 0/);
  });

  it('rejects wrongly typed fields as the decoder does', async () => {
    const r = await t.kubectl([
      'create',
      '-f',
      t.file('typed.yaml', deployment('typed').replace('replicas: 2', 'replicas: two')),
    ]);
    expect(r.stderr).toMatch(/Error from server \(BadRequest\)/);
    expect(r.stderr).toMatch(
      /cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32/,
    );
  });

  it('rejects unknown fields strictly (kubectl default) and warns with --validate=warn', async () => {
    const manifest = deployment('strict').replace('replicas: 2', 'replicas: 2\n  replicass: 3');
    const strict = await t.kubectl(['create', '-f', t.file('strict.yaml', manifest)]);
    expect(strict.stderr).toMatch(/strict decoding error: unknown field "spec.replicass"/);
    const warn = await t.kubectl(['create', '--validate=warn', '-f', t.file('warn.yaml', manifest)]);
    expect(warn.code).toBe(0);
    expect(warn.stderr).toMatch(/Warning: unknown field "spec.replicass"/);
  });

  it('prints json, yaml, jsonpath, name, labels and all namespaces', async () => {
    const obj = JSON.parse(await t.k(['get', 'deploy', 'd1', '-n', 'crud', '-o', 'json']));
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(obj.metadata.generation).toBe(1);
    expect(obj.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    expect(await t.k(['get', 'deploy', 'd1', '-n', 'crud', '-o', 'yaml'])).toMatch(
      /revisionHistoryLimit: 10/,
    );
    expect(
      await t.k([
        'get',
        'deploy',
        'd1',
        '-n',
        'crud',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ]),
    ).toBe('nginx:1.25');
    expect(await t.k(['get', 'deploy', '-n', 'crud', '-o', 'name'])).toMatch(/deployment.apps\/d1/);
    expect(await t.k(['get', 'deploy', '-n', 'crud', '--show-labels'])).toMatch(/app=d1,tier=web/);
    expect(await t.k(['get', 'deploy', '-n', 'crud', '-L', 'tier'])).toMatch(/TIER[\s\S]*web/);
    expect(await t.k(['get', 'deploy', '-A'])).toMatch(/crud\s+d1\s+\d\/2/);
  });

  it('filters by label selector', async () => {
    await t.k(['create', '-f', t.file('d2.yaml', deployment('d2').replace('tier: web', 'tier: db'))]);
    const sel = (s: string) =>
      t.k(['get', 'deploy', '-n', 'crud', '-l', `${s},app in (d1,d2)`, '-o', 'name']);
    expect((await sel('tier=db')).trim()).toBe('deployment.apps/d2');
    expect((await sel('tier!=db')).trim()).toBe('deployment.apps/d1');
    expect((await sel('tier in (db,web)')).trim().split('\n')).toHaveLength(2);
    expect((await sel('tier notin (web)')).trim()).toBe('deployment.apps/d2');
    expect((await sel('!tier')).trim()).toBe('');
    expect((await t.k(['get', 'deploy', '-n', 'crud', '-l', 'tier=db', '-o', 'name'])).trim()).toBe(
      'deployment.apps/d2',
    );
    const bad = await t.kubectl(['get', 'deploy', '-n', 'crud', '-l', 'a in (']);
    expect(bad.code).not.toBe(0);
  });

  it('pages lists with --chunk-size', async () => {
    for (let i = 0; i < 7; i++)
      await t.k(['create', 'configmap', `page-${i}`, '-n', 'crud', '--from-literal=k=v']);
    const out = await t.k(['get', 'cm', '-n', 'crud', '--chunk-size=2', '-o', 'name']);
    expect(
      out
        .trim()
        .split('\n')
        .filter((l) => l.includes('page-')),
    ).toHaveLength(7);
  });
});

describe('every create generator (protobuf bodies)', () => {
  it.each([
    [['create', 'configmap', 'g-cm', '--from-literal=a=b'], /configmap\/g-cm created/],
    [['create', 'secret', 'generic', 'g-sec', '--from-literal=password=s3cret'], /secret\/g-sec created/],
    [['create', 'deployment', 'g-dep', '--image=nginx', '--replicas=2'], /deployment.apps\/g-dep created/],
    [['create', 'service', 'clusterip', 'g-svc', '--tcp=80:8080'], /service\/g-svc created/],
    [['create', 'job', 'g-job', '--image=busybox'], /job.batch\/g-job created/],
    [
      ['create', 'cronjob', 'g-cj', '--image=busybox', '--schedule=*/5 * * * *'],
      /cronjob.batch\/g-cj created/,
    ],
    [['create', 'serviceaccount', 'g-sa'], /serviceaccount\/g-sa created/],
    [
      ['create', 'role', 'g-role', '--verb=get', '--resource=pods'],
      /role.rbac.authorization.k8s.io\/g-role created/,
    ],
    [
      ['create', 'rolebinding', 'g-rb', '--role=g-role', '--user=alice'],
      /rolebinding.rbac.authorization.k8s.io\/g-rb created/,
    ],
    [['create', 'quota', 'g-quota', '--hard=pods=10'], /resourcequota\/g-quota created/],
    [
      ['create', 'ingress', 'g-ing', '--rule=foo.com/bar=g-svc:80'],
      /ingress.networking.k8s.io\/g-ing created/,
    ],
    [
      ['create', 'pdb', 'g-pdb', '--selector=app=x', '--min-available=1'],
      /poddisruptionbudget.policy\/g-pdb created/,
    ],
  ])('kubectl %j', async (args, expected) => {
    expect(await t.k([...args, '-n', 'crud'])).toMatch(expected);
  });

  it('stores what the generator meant', async () => {
    const secret = JSON.parse(await t.k(['get', 'secret', 'g-sec', '-n', 'crud', '-o', 'json']));
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe('s3cret');
    expect(
      await t.k(['get', 'svc', 'g-svc', '-n', 'crud', '-o', 'jsonpath={.spec.ports[0].targetPort}']),
    ).toBe('8080');
  });

  it('creates cluster-scoped objects', async () => {
    expect(await t.k(['create', 'clusterrole', 'g-cr', '--verb=get', '--resource=nodes'])).toMatch(/created/);
    expect(await t.k(['create', 'clusterrolebinding', 'g-crb', '--clusterrole=g-cr', '--user=bob'])).toMatch(
      /created/,
    );
  });
});

describe('services and storage classes', () => {
  it('allocates cluster IPs and node ports at create time', async () => {
    await t.k(['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '-n', 'crud']);
    const svc = JSON.parse(await t.k(['get', 'svc', 'np', '-n', 'crud', '-o', 'json']));
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(await t.k(['get', 'svc', 'np', '-n', 'crud'])).toMatch(
      /np\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:\d{5}\/TCP/,
    );
    const taken = await t.kubectl([
      'create',
      'service',
      'nodeport',
      'np2',
      '--tcp=80:8080',
      `--node-port=${svc.spec.ports[0].nodePort}`,
      '-n',
      'crud',
    ]);
    expect(taken.stderr).toMatch(/provided port is already allocated/);
  });

  it('starts with the default storage class and defaults claims to it', async () => {
    expect(await t.k(['get', 'storageclass'])).toMatch(/local \(default\)\s+openebs.io\/local/);
    const pvc = `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: { name: data, namespace: crud }\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: { requests: { storage: 1Gi } }\n`;
    await t.k(['create', '-f', t.file('pvc.yaml', pvc)]);
    expect(await t.k(['get', 'pvc', 'data', '-n', 'crud', '-o', 'jsonpath={.spec.storageClassName}'])).toBe(
      'local',
    );
  });
});
