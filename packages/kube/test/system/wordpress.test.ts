/**
 * The quick start "WordPress + MySQL with Services", end to end with kubectl against the embedded cluster
 * and its simulated data plane: a Secret for the MySQL password, MySQL (StatefulSet with a volume claim template +
 * Service), WordPress (Deployment + NodePort Service) referencing both, everything Running, the WordPress
 * NodePort answering from a WordPress pod; then a project gateway as KubeSphere makes it (an NGINX
 * ingress controller Deployment + NodePort Service in kubesphere-controls-system watching the project)
 * and an Ingress for the WordPress host, answered through the gateway's node port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { httpGet, until } from '../dataplane-client';

const NS = 'demo-project';

const app = `apiVersion: v1
kind: Secret
metadata: {name: mysql-secret, namespace: ${NS}}
type: Opaque
stringData: {MYSQL_ROOT_PASSWORD: "123456"}
---
apiVersion: v1
kind: Service
metadata: {name: wordpress-mysql, namespace: ${NS}, labels: {app: wordpress-mysql}}
spec:
  selector: {app: wordpress-mysql}
  ports: [{name: tcp-3306, port: 3306, targetPort: 3306}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: wordpress-mysql, namespace: ${NS}}
spec:
  serviceName: wordpress-mysql
  replicas: 1
  selector: {matchLabels: {app: wordpress-mysql}}
  template:
    metadata: {labels: {app: wordpress-mysql}}
    spec:
      containers:
      - name: mysql
        image: mysql:5.6
        ports: [{name: tcp-3306, containerPort: 3306}]
        env:
        - name: MYSQL_ROOT_PASSWORD
          valueFrom: {secretKeyRef: {name: mysql-secret, key: MYSQL_ROOT_PASSWORD}}
        volumeMounts: [{name: mysql-pvc, mountPath: /var/lib/mysql}]
  volumeClaimTemplates:
  - metadata: {name: mysql-pvc}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 10Gi}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: wordpress, namespace: ${NS}, labels: {app: wordpress}}
spec:
  replicas: 2
  selector: {matchLabels: {app: wordpress}}
  template:
    metadata: {labels: {app: wordpress}}
    spec:
      containers:
      - name: wordpress
        image: wordpress:4.8-apache
        ports: [{name: http-80, containerPort: 80}]
        env:
        - {name: WORDPRESS_DB_HOST, value: "wordpress-mysql:3306"}
        - name: WORDPRESS_DB_PASSWORD
          valueFrom: {secretKeyRef: {name: mysql-secret, key: MYSQL_ROOT_PASSWORD}}
---
apiVersion: v1
kind: Service
metadata: {name: wordpress, namespace: ${NS}, labels: {app: wordpress}}
spec:
  type: NodePort
  selector: {app: wordpress}
  ports: [{name: http-80, port: 80, targetPort: 80}]
`;

/** What the platform's project gateway API creates for project NS (the router API of packages/platform). */
const gateway = `apiVersion: v1
kind: Namespace
metadata: {name: kubesphere-controls-system}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: kubesphere-router-${NS}, namespace: kubesphere-controls-system}
spec:
  replicas: 1
  selector: {matchLabels: {app: kubesphere, component: ks-router, tier: backend, project: ${NS}}}
  template:
    metadata: {labels: {app: kubesphere, component: ks-router, tier: backend, project: ${NS}}}
    spec:
      containers:
      - name: nginx-ingress-controller
        image: kubesphere/nginx-ingress-controller:v0.35.0
        args: [/nginx-ingress-controller, --watch-namespace=${NS}, --election-id=kubesphere-router-${NS}]
        ports: [{name: http, containerPort: 80}, {name: https, containerPort: 443}]
---
apiVersion: v1
kind: Service
metadata: {name: kubesphere-router-${NS}, namespace: kubesphere-controls-system}
spec:
  type: NodePort
  selector: {app: kubesphere, component: ks-router, tier: backend, project: ${NS}}
  ports: [{name: http, port: 80, targetPort: 80}, {name: https, port: 443, targetPort: 443}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: wordpress, namespace: ${NS}}
spec:
  rules:
  - host: wordpress.demo.io
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: wordpress, port: {number: 80}}}}]
`;

describe('quick start: WordPress + MySQL with Services, then through a project gateway', () => {
  let t: TestCluster;
  const json = async (args: string[]) => JSON.parse(await t.k([...args, '-o', 'json']));
  const podNames = async (selector: string, ns = NS) =>
    (await json(['get', 'pods', '-n', ns, '-l', selector])).items.map(
      (p: { metadata: { name: string } }) => p.metadata.name,
    );

  beforeAll(async () => {
    t = await startTestCluster({ nodes: 2, dataplane: { ingressPort: 0 } });
    await t.k(['create', 'namespace', NS]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('runs MySQL and WordPress, and the WordPress NodePort answers from a WordPress pod', async () => {
    await t.k(['apply', '-f', '-'], { input: app });
    await t.k(['rollout', 'status', '-n', NS, 'statefulset/wordpress-mysql', '--timeout=60s']);
    await t.k(['rollout', 'status', '-n', NS, 'deployment/wordpress', '--timeout=60s']);
    const pods = await json(['get', 'pods', '-n', NS]);
    expect(pods.items.map((p: { status: { phase: string } }) => p.status.phase)).toEqual([
      'Running',
      'Running',
      'Running',
    ]);
    expect((await json(['get', 'pvc', '-n', NS, 'mysql-pvc-wordpress-mysql-0'])).status.phase).toBe('Bound');
    // WordPress reaches MySQL through its Service name; the password comes from the Secret.
    const wp = (await json(['get', 'deployment', '-n', NS, 'wordpress'])).spec.template.spec.containers[0];
    expect(wp.env).toContainEqual({ name: 'WORDPRESS_DB_HOST', value: 'wordpress-mysql:3306' });
    expect(
      (await json(['get', 'endpoints', '-n', NS, 'wordpress-mysql'])).subsets[0].addresses[0].targetRef.name,
    ).toBe('wordpress-mysql-0');

    const port = (await json(['get', 'svc', '-n', NS, 'wordpress'])).spec.ports[0].nodePort;
    const answer = await until(async () => {
      const a = await httpGet(port, '/wp-admin/install.php');
      return a.status === 200 ? a : undefined;
    });
    expect(await podNames('app=wordpress')).toContain(answer.headers['x-sphere-pod']);
    expect(answer.body).toMatch(/^Welcome to WordPress! \(simulated\) Served by pod wordpress-/);
    const page = await httpGet(port, '/', undefined, 'text/html');
    expect(page.body).toContain('<title>WordPress (simulated)</title>');
  });

  it('the Ingress for the WordPress host answers through the project gateway', async () => {
    await t.k(['apply', '-f', '-'], { input: gateway });
    await t.k([
      'rollout',
      'status',
      '-n',
      'kubesphere-controls-system',
      `deployment/kubesphere-router-${NS}`,
      '--timeout=60s',
    ]);
    const svc = await json(['get', 'svc', '-n', 'kubesphere-controls-system', `kubesphere-router-${NS}`]);
    const port = svc.spec.ports.find((p: { name: string }) => p.name === 'http').nodePort;
    const answer = await until(async () => {
      const a = await httpGet(port, '/', 'wordpress.demo.io');
      return a.status === 200 ? a : undefined;
    });
    expect(await podNames('app=wordpress')).toContain(answer.headers['x-sphere-pod']);
    const router = (await podNames(`project=${NS}`, 'kubesphere-controls-system'))[0];
    expect(answer.body).toContain(`ingress controller: kubesphere-controls-system/${router}`);
    expect(answer.body).toContain(`ingress: ${NS}/wordpress (path /)`);
    // Hosts without a rule get the controller's default backend.
    const miss = await httpGet(port, '/', 'unknown.demo.io');
    expect(miss.status).toBe(404);
    // The same Ingress is also served by the cluster ingress controller.
    const clusterPort = t.cluster.dataPlane!.ingressPort()!;
    expect((await httpGet(clusterPort, '/', 'wordpress.demo.io')).headers['x-sphere-pod']).toMatch(
      /^wordpress-/,
    );
  });
});
