/**
 * The simulated data plane through kubectl: NodePort Services answer on loopback naming a ready pod,
 * spread over the ready pods; a pod that stops being ready stops receiving traffic; LoadBalancer Services
 * get an EXTERNAL-IP; the cluster ingress controller routes by host and path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { httpGet, until } from '../dataplane-client';

describe('simulated data plane', () => {
  let t: TestCluster;
  const json = async (args: string[]) => JSON.parse(await t.k([...args, '-o', 'json']));
  const nodePortOf = async (svc: string) =>
    (await json(['get', 'svc', svc])).spec.ports[0].nodePort as number;
  /** The pod named by one answer that is a 200 (polls while the port binds or pods start). */
  const servedPod = async (port: number, path = '/', host?: string) =>
    until(async () => {
      const a = await httpGet(port, path, host);
      return a.status === 200 ? a.headers['x-sphere-pod'] : undefined;
    });

  beforeAll(async () => {
    t = await startTestCluster({ nodes: 2, dataplane: { ingressPort: 0 } });
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.25, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 80}]
`,
    });
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=30s']);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a NodePort Service answers on loopback with the name of one of its pods', async () => {
    const port = await nodePortOf('web');
    const pods = (await json(['get', 'pods', '-l', 'app=web'])).items.map(
      (p: { metadata: { name: string } }) => p.metadata.name,
    );
    const name = await servedPod(port);
    expect(pods).toContain(name);
    const a = await httpGet(port, '/');
    expect(a.body).toMatch(/^Welcome to nginx! \(simulated\) Served by pod web-/);
    expect(a.body).toContain('service: default/web:80');
    const j = JSON.parse((await httpGet(port, '/', undefined, 'application/json')).body);
    expect(j).toMatchObject({ namespace: 'default', service: { name: 'web', port: 80 }, port: 80 });
    expect(j.ip).toMatch(/^10\./);
  });

  it('spreads requests round-robin over the ready pods', async () => {
    const port = await nodePortOf('web');
    await until(async () => (await json(['get', 'endpoints', 'web'])).subsets?.[0]?.addresses?.length === 3);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) seen.push(String((await httpGet(port)).headers['x-sphere-pod']));
    expect(new Set(seen).size).toBe(3);
    expect(seen.slice(3)).toEqual(seen.slice(0, 3));
  });

  it('a pod taken out of the selector stops receiving traffic; no ready pod → 503', async () => {
    const port = await nodePortOf('web');
    const pods: string[] = (await json(['get', 'pods', '-l', 'app=web'])).items.map(
      (p: { metadata: { name: string } }) => p.metadata.name,
    );
    const victim = pods[0];
    // Relabel the victim: it leaves the Service (and the Deployment, which is scaled down to match).
    await t.k(['label', 'pod', victim, 'app=web-out', '--overwrite']);
    await t.k(['scale', 'deployment/web', '--replicas=2']);
    await until(async () => {
      const subsets = (await json(['get', 'endpoints', 'web'])).subsets ?? [];
      const names = subsets.flatMap((s: { addresses?: { targetRef: { name: string } }[] }) =>
        (s.addresses ?? []).map((a) => a.targetRef.name),
      );
      return names.length >= 1 && !names.includes(victim);
    });
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) seen.add(String((await httpGet(port)).headers['x-sphere-pod']));
    expect(seen.has(victim)).toBe(false);
    await t.k(['scale', 'deployment/web', '--replicas=0']);
    const a = await until(async () => {
      const r = await httpGet(port);
      return r.status === 503 ? r : undefined;
    });
    expect(a.body).toContain('service "default/web" has no ready endpoints');
    await t.k(['scale', 'deployment/web', '--replicas=2']);
    await t.k(['delete', 'pod', victim, '--wait=false']);
  });

  it('a pod whose Ready condition turns False leaves the rotation', async () => {
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    const port = await nodePortOf('web');
    await until(async () => (await json(['get', 'endpoints', 'web'])).subsets?.[0]?.addresses?.length === 2);
    const [victim, survivor] = (await json(['get', 'pods', '-l', 'app=web'])).items.map(
      (p: { metadata: { name: string } }) => p.metadata.name,
    );
    await t.k([
      'patch',
      'pod',
      victim,
      '--subresource=status',
      '--type=strategic',
      '-p',
      JSON.stringify({
        status: { conditions: [{ type: 'Ready', status: 'False', reason: 'ReadinessProbeFailed' }] },
      }),
    ]);
    await until(async () => {
      const ep = await json(['get', 'endpoints', 'web']);
      return ep.subsets?.[0]?.notReadyAddresses?.some(
        (a: { targetRef: { name: string } }) => a.targetRef.name === victim,
      );
    });
    for (let i = 0; i < 6; i++) expect((await httpGet(port)).headers['x-sphere-pod']).toBe(survivor);
  });

  it('a LoadBalancer Service gets EXTERNAL-IP 127.0.0.1 and answers on its node port', async () => {
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{name: http, port: 8081, targetPort: 80}]
`,
    });
    const svc = await until(async () => {
      const s = await json(['get', 'svc', 'web-lb']);
      return s.status?.loadBalancer?.ingress?.[0]?.ip ? s : undefined;
    });
    expect(svc.status.loadBalancer.ingress).toEqual([{ ip: '127.0.0.1' }]);
    expect(await t.k(['get', 'svc', 'web-lb'])).toMatch(
      /web-lb\s+LoadBalancer\s+\S+\s+127\.0\.0\.1\s+8081:3\d{4}\/TCP/,
    );
    expect(await servedPod(svc.spec.ports[0].nodePort)).toMatch(/^web-/);
    const events = await t.k(['get', 'events', '--field-selector', 'involvedObject.name=web-lb']);
    expect(events).toContain('EnsuredLoadBalancer');
    // Back to NodePort: the external IP goes away.
    await t.k(['patch', 'svc', 'web-lb', '-p', '{"spec":{"type":"NodePort"}}']);
    await until(async () => !(await json(['get', 'svc', 'web-lb'])).status?.loadBalancer?.ingress);
  });

  it('the cluster ingress controller routes by host and path and writes the Ingress address', async () => {
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: node:20, ports: [{containerPort: 3000}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 3000}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
`,
    });
    await t.k(['rollout', 'status', 'deployment/api', '--timeout=30s']);
    const port = await until(async () => t.cluster.dataPlane?.ingressPort());
    expect(await servedPod(port, '/api/items', 'shop.example.com')).toMatch(/^api-/);
    expect(await servedPod(port, '/apix', 'shop.example.com')).toMatch(/^web-/);
    expect(await servedPod(port, '/', 'shop.example.com:18080')).toMatch(/^web-/);
    const miss = await httpGet(port, '/', 'other.example.com');
    expect(miss.status).toBe(404);
    expect(miss.body).toContain('default backend - 404');
    await until(
      async () =>
        (await json(['get', 'ingress', 'shop'])).status?.loadBalancer?.ingress?.[0]?.ip === '127.0.0.1',
    );
    expect(await t.k(['get', 'ingress', 'shop'])).toMatch(
      /shop\s+<none>\s+shop\.example\.com\s+127\.0\.0\.1\s+80/,
    );
  });

  it('a non-HTTP port answers with a banner naming the pod', async () => {
    await t.k(['create', 'service', 'nodeport', 'web-mysql', '--tcp=3306:80']);
    await t.k(['set', 'selector', 'svc/web-mysql', 'app=web']);
    const port = await nodePortOf('web-mysql');
    const net = await import('node:net');
    const line = await until(
      () =>
        new Promise<string | undefined>((resolve) => {
          const s = net.connect(port, '127.0.0.1');
          let data = '';
          s.on('data', (d) => (data += d.toString()));
          s.on('close', () => resolve(data.includes('pod') ? data : undefined));
          s.on('error', () => resolve(undefined));
        }),
    );
    expect(line).toMatch(/^sphere simulated mysql server: pod default\/web-/);
  });

  it('a node port held by another process is reported as a Warning Event and bound once it is free', async () => {
    const net = await import('node:net');
    let holder: import('node:net').Server | undefined;
    let port = 0;
    for (let p = 30000 + Math.floor(Math.random() * 2000); !holder; p++) {
      const s = net.createServer();
      const ok = await new Promise<boolean>((resolve) => {
        s.once('error', () => resolve(false));
        s.listen(p, '127.0.0.1', () => resolve(true));
      });
      if (ok) [holder, port] = [s, p];
    }
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: Service
metadata: {name: web-held}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, nodePort: ${port}}]
`,
    });
    await until(async () =>
      (await t.k(['get', 'events', '--field-selector', 'involvedObject.name=web-held'])).includes(
        'NodePortUnavailable',
      ),
    );
    expect(await t.k(['get', '--raw', '/readyz'])).toBe('ok');
    await new Promise((r) => holder!.close(r));
    expect(await servedPod(port)).toMatch(/^web-/);
  });
});
