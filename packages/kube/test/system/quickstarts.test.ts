/**
 * KubeSphere quick starts through the real kubectl against the embedded cluster: MySQL as a StatefulSet
 * with a Secret, the HPA under simulated load (a busybox wget loop against the Service), liveness and
 * readiness probes, and OOMKilled from a memory limit below what the image needs. The HPA syncs every
 * 200 ms (instead of 15 s) so the test runs in seconds; everything else runs at the 'fast' speed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { systemControllers } from '../../src/controllers/system';
import { workloadControllers } from '../../src/controllers/workloads';
import { hpaController, hpaControllerWith } from '../../src/controllers/system/hpa/controller';

let t: TestCluster;

async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) {
      console.log(await t.kubectl(['get', 'hpa,deploy,pods', '-o', 'wide']).then((r) => r.stdout));
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const json = async (args: string[]) => JSON.parse(await t.k([...args, '-o', 'json']));

interface PodView {
  metadata: { name: string; deletionTimestamp?: string };
  status: {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      restartCount: number;
      ready: boolean;
      lastState: { terminated?: { reason: string; exitCode: number } };
    }[];
  };
}
const condition = (p: PodView, type: string) => p.status.conditions?.find((c) => c.type === type)?.status;

beforeAll(async () => {
  const controllers = [
    ...systemControllers.filter((m) => m !== hpaController),
    hpaControllerWith(undefined, { syncPeriodMs: 200 }),
    ...workloadControllers,
  ];
  t = await startTestCluster({ controllers, nodes: 2, simulation: 'fast' });
}, 30_000);

afterAll(async () => {
  await t?.stop();
});

describe('MySQL StatefulSet with a Secret', () => {
  const manifest = `apiVersion: v1
kind: Service
metadata: {name: mysql, labels: {app: mysql}}
spec:
  clusterIP: None
  selector: {app: mysql}
  ports: [{name: mysql, port: 3306}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: mysql}
spec:
  serviceName: mysql
  replicas: 1
  selector: {matchLabels: {app: mysql}}
  template:
    metadata: {labels: {app: mysql}}
    spec:
      containers:
      - name: mysql
        image: mysql:5.7
        ports: [{containerPort: 3306, name: mysql}]
        env:
        - name: MYSQL_ROOT_PASSWORD
          valueFrom: {secretKeyRef: {name: mysql-secret, key: MYSQL_ROOT_PASSWORD}}
        resources:
          requests: {cpu: 100m, memory: 512Mi}
          limits: {memory: 1Gi}
        readinessProbe:
          tcpSocket: {port: 3306}
          initialDelaySeconds: 5
          periodSeconds: 2
        volumeMounts:
        - {name: data, mountPath: /var/lib/mysql}
        - {name: secret, mountPath: /etc/mysql-secret, readOnly: true}
      volumes:
      - name: secret
        secret: {secretName: mysql-secret}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

  it('runs Ready with its claim bound, MySQL logs, and the password from the Secret', async () => {
    await t.k([
      'create',
      'secret',
      'generic',
      'mysql-secret',
      '--from-literal=MYSQL_ROOT_PASSWORD=S3cr3t-pw',
    ]);
    await t.k(['apply', '-f', '-'], { input: manifest });
    await t.k(['wait', '--for=condition=Ready', 'pod/mysql-0', '--timeout=30s']);
    const pod = (await json(['get', 'pod', 'mysql-0'])) as PodView;
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.containerStatuses?.[0].restartCount).toBe(0);
    await t.k(['wait', '--for=jsonpath={.status.phase}=Bound', 'pvc/data-mysql-0', '--timeout=20s']);
    expect(await t.k(['get', 'statefulset', 'mysql'])).toMatch(/mysql\s+1\/1/);
    expect(await t.k(['logs', 'mysql-0'])).toContain('ready for connections');
    expect(await t.k(['exec', 'mysql-0', '--', 'env'])).toContain('MYSQL_ROOT_PASSWORD=S3cr3t-pw');
    expect(await t.k(['exec', 'mysql-0', '--', 'cat', '/etc/mysql-secret/MYSQL_ROOT_PASSWORD'])).toBe(
      'S3cr3t-pw',
    );
  });
});

describe('HPA under simulated load', () => {
  const app = `apiVersion: apps/v1
kind: Deployment
metadata: {name: hpa-example}
spec:
  replicas: 1
  selector: {matchLabels: {app: hpa-example}}
  template:
    metadata: {labels: {app: hpa-example}}
    spec:
      containers:
      - name: hpa-example
        image: mirrorgooglecontainers/hpa-example
        ports: [{containerPort: 80}]
        resources:
          requests: {cpu: 200m}
          limits: {cpu: 500m}
---
apiVersion: v1
kind: Service
metadata: {name: hpa-example}
spec:
  selector: {app: hpa-example}
  ports: [{port: 80}]
`;
  // Fast policies so the test need not wait out the default 15 s periods and 5 min stabilization.
  const behavior = {
    spec: {
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          policies: [{ type: 'Percent', value: 900, periodSeconds: 1 }],
        },
        scaleDown: {
          stabilizationWindowSeconds: 1,
          policies: [{ type: 'Percent', value: 100, periodSeconds: 1 }],
        },
      },
    },
  };
  const replicas = async () => (await json(['get', 'deployment', 'hpa-example'])).spec.replicas as number;

  it('scales up while a load generator loops on wget, and back down when it is deleted', async () => {
    await t.k(['apply', '-f', '-'], { input: app });
    await t.k(['rollout', 'status', 'deployment/hpa-example', '--timeout=30s']);
    await t.k(['autoscale', 'deployment', 'hpa-example', '--cpu-percent=50', '--min=1', '--max=10']);
    await t.k(['patch', 'hpa', 'hpa-example', '--type=merge', '-p', JSON.stringify(behavior)]);
    // Idle: hpa-example uses ~1m of its 200m request.
    await until(async () =>
      /hpa-example\s+Deployment\/hpa-example\s+cpu: [0-9]%\/50%/.test(await t.k(['get', 'hpa'])),
    );
    // Two generator replicas ask 1.4 cores: even at the 10-replica maximum that is 70% of each pod's
    // request, so the listing shows REPLICAS > 1 and TARGETS above 50% at the same time, steadily.
    await t.k([
      'create',
      'deployment',
      'load-generator',
      '--image=busybox:1.28',
      '--replicas=2',
      '--',
      '/bin/sh',
      '-c',
      'while sleep 0.01; do wget -q -O- http://hpa-example.default.svc.cluster.local; done',
    ]);
    const busy = await until(async () => {
      const out = await t.k(['get', 'hpa', 'hpa-example']);
      const m = /cpu: (\d+)%\/50%\s+1\s+10\s+(\d+)/.exec(out);
      return m && Number(m[1]) > 50 && Number(m[2]) === 10 ? out : undefined;
    });
    expect(busy).toMatch(/hpa-example\s+Deployment\/hpa-example\s+cpu: \d+%\/50%\s+1\s+10\s+10\s/);
    expect(await replicas()).toBe(10);
    const events = await t.k(['describe', 'hpa', 'hpa-example']);
    expect(events).toMatch(/SuccessfulRescale\s+.*New size: \d+; reason: cpu resource utilization/);
    await t.k(['delete', 'deployment', 'load-generator', '--wait=false']);
    await until(async () => (await replicas()) === 1, 40_000);
    expect(await t.k(['get', 'hpa', 'hpa-example'])).toMatch(/cpu: [0-9]%\/50%/);
  }, 90_000);
});

describe('probes and OOMKilled through kubectl', () => {
  const probes = `apiVersion: v1
kind: Pod
metadata: {name: liveness-exec}
spec:
  containers:
  - name: liveness
    image: busybox
    args: [/bin/sh, -c, 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600']
    livenessProbe:
      exec: {command: [cat, /tmp/healthy]}
      initialDelaySeconds: 5
      periodSeconds: 5
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}]
        readinessProbe:
          httpGet: {path: /, port: 80}
          periodSeconds: 2
          failureThreshold: 2
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: mysql-small}
spec:
  containers:
  - name: mysql
    image: mysql:8
    env: [{name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "yes"}]
    resources:
      limits: {memory: 256Mi}
`;

  it('restarts a container whose liveness probe fails, with the kubelet events', async () => {
    await t.k(['apply', '-f', '-'], { input: probes });
    const pod = await until(async () => {
      const p = (await json(['get', 'pod', 'liveness-exec'])) as PodView;
      return (p.status.containerStatuses?.[0].restartCount ?? 0) >= 1 ? p : undefined;
    });
    expect(pod.status.containerStatuses?.[0].lastState.terminated).toMatchObject({
      reason: 'Error',
      exitCode: 137,
    });
    expect(await t.k(['get', 'pod', 'liveness-exec'])).toMatch(/liveness-exec\s+\d\/1\s+\S+\s+[1-9]/);
    const described = await t.k(['describe', 'pod', 'liveness-exec']);
    expect(described).toMatch(
      /Warning\s+Unhealthy\s+.*Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/,
    );
    expect(described).toMatch(
      /Normal\s+Killing\s+.*Container liveness failed liveness probe, will be restarted/,
    );
    expect(described).toMatch(/Last State:\s+Terminated\s+Reason:\s+Error\s+Exit Code:\s+137/);
  });

  it('takes a pod whose readiness probe fails out of the endpoints, and back when it recovers', async () => {
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    const addresses = async () =>
      ((await json(['get', 'endpoints', 'web'])).subsets ?? []).flatMap(
        (s: { addresses?: { ip: string }[] }) => (s.addresses ?? []).map((a) => a.ip),
      ) as string[];
    await until(async () => (await addresses()).length === 2);
    const pods = (await json(['get', 'pods', '-l', 'app=web'])).items as PodView[];
    const [victim, other] = pods.filter((p) => !p.metadata.deletionTimestamp);
    await t.k(['annotate', 'pod', victim.metadata.name, 'sphere.io/simulate=readiness-fail']);
    const unready = await until(async () => {
      const p = (await json(['get', 'pod', victim.metadata.name])) as PodView;
      return condition(p, 'Ready') === 'False' ? p : undefined;
    });
    expect(condition(unready, 'ContainersReady')).toBe('False');
    expect(unready.status.containerStatuses?.[0].restartCount).toBe(0);
    await until(async () => {
      const ips = await addresses();
      return ips.length === 1 && ips[0] === other.status.podIP;
    });
    expect(await t.k(['describe', 'pod', victim.metadata.name])).toMatch(
      /Warning\s+Unhealthy\s+.*Readiness probe failed: HTTP probe failed with statuscode: 500/,
    );
    await t.k(['annotate', 'pod', victim.metadata.name, 'sphere.io/simulate-']);
    await until(async () => (await addresses()).length === 2);
  });

  it('OOMKills a container whose image needs more memory than its limit, and backs off', async () => {
    const pod = await until(async () => {
      const p = (await json(['get', 'pod', 'mysql-small'])) as PodView;
      return (p.status.containerStatuses?.[0].restartCount ?? 0) >= 1 ? p : undefined;
    });
    expect(pod.status.containerStatuses?.[0].lastState.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(await t.k(['get', 'pod', 'mysql-small'])).toMatch(
      /mysql-small\s+0\/1\s+(OOMKilled|CrashLoopBackOff|Running)\s+[1-9]/,
    );
    expect(await t.k(['describe', 'pod', 'mysql-small'])).toMatch(
      /Last State:\s+Terminated\s+Reason:\s+OOMKilled\s+Exit Code:\s+137/,
    );
  });
});
