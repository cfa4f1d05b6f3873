import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { newContainer, PROBE_DEFAULTS } from './container';
import { byKind, draftFromText, draftToText } from './draft';
import {
  applyService,
  applyStatefulSetBasic,
  applyStatefulSetPod,
  applyVolumeTemplates,
  readService,
  readVolumeTemplates,
} from './statefulset';
import { randomSuffix, statefulSetDraft } from './templates';
import {
  applyLabels,
  applyNodeSelector,
  readBasic,
  readLabels,
  readNodeSelector,
  readPod,
  WORKLOAD_KINDS,
} from './workload';

const STS = WORKLOAD_KINDS.StatefulSet;
const SUFFIX = 'x1y2z3';
const mysqlContainer = {
  ...newContainer('abc123'),
  image: 'mysql:5.6',
  ports: [{ name: 'tcp-3306', protocol: 'TCP' as const, containerPort: 3306 }],
};

/** The quick-start MySQL StatefulSet, built through the section updaters like the wizard does. */
function mysqlDraft(): KubeObject[] {
  let d = statefulSetDraft('demo');
  d = applyStatefulSetBasic(d, { name: 'mysql', alias: 'MySQL', description: 'db' }, SUFFIX);
  d = applyStatefulSetPod(d, { ...readPod(d, STS), containers: [mysqlContainer] });
  d = applyVolumeTemplates(d, [
    {
      name: 'mysql-pvc',
      storageClassName: 'local',
      storage: '10Gi',
      accessMode: 'ReadWriteOnce',
      mounts: [{ container: 'container-abc123', mountPath: '/var/lib/mysql', readOnly: false }],
    },
  ]);
  return d;
}

describe('StatefulSet wizard objects', () => {
  it('generates the StatefulSet and headless Service KubeSphere generates', () => {
    const d = mysqlDraft();
    expect(byKind(d, 'StatefulSet')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {
        namespace: 'demo',
        name: 'mysql',
        labels: { app: 'mysql' },
        annotations: { 'kubesphere.io/alias-name': 'MySQL', 'kubesphere.io/description': 'db' },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'mysql' } },
        serviceName: 'mysql-x1y2z3',
        template: {
          metadata: { labels: { app: 'mysql' } },
          spec: {
            serviceAccount: 'default',
            containers: [
              {
                name: 'container-abc123',
                image: 'mysql:5.6',
                imagePullPolicy: 'IfNotPresent',
                ports: [{ name: 'tcp-3306', protocol: 'TCP', containerPort: 3306 }],
                volumeMounts: [{ name: 'mysql-pvc', mountPath: '/var/lib/mysql', readOnly: false }],
              },
            ],
          },
        },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        volumeClaimTemplates: [
          {
            metadata: { name: 'mysql-pvc', namespace: 'demo' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: 'local',
              resources: { requests: { storage: '10Gi' } },
            },
          },
        ],
      },
    });
    expect(byKind(d, 'Service')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        namespace: 'demo',
        name: 'mysql-x1y2z3',
        labels: { app: 'mysql' },
        annotations: { 'kubesphere.io/serviceType': 'statefulservice', 'kubesphere.io/alias-name': 'MySQL' },
      },
      spec: {
        sessionAffinity: 'None',
        clusterIP: 'None',
        selector: { app: 'mysql' },
        ports: [{ name: 'tcp-3306', protocol: 'TCP', port: 3306, targetPort: 3306 }],
      },
    });
  });

  it('renaming keeps the automatic app label and service name in step', () => {
    const d = applyStatefulSetBasic(mysqlDraft(), { name: 'db', alias: '', description: '' }, SUFFIX);
    expect(readLabels(d, STS)).toEqual({ app: 'db' });
    expect(readService(d).name).toBe('db-x1y2z3');
    expect((byKind(d, 'StatefulSet')?.spec as { serviceName: string }).serviceName).toBe('db-x1y2z3');
    expect(byKind(d, 'StatefulSet')?.metadata.annotations).toBeUndefined();
  });

  it('a custom service name and custom labels survive renaming', () => {
    let d = applyService(mysqlDraft(), { ...readService(mysqlDraft()), name: 'mysql-headless' });
    d = applyLabels(d, STS, { app: 'custom', tier: 'db' });
    d = applyStatefulSetBasic(d, { name: 'db', alias: '', description: '' }, SUFFIX);
    expect(readService(d).name).toBe('mysql-headless');
    expect(readLabels(d, STS)).toEqual({ app: 'custom', tier: 'db' });
  });

  it('labels propagate to selector, pod template and service selector', () => {
    const d = applyLabels(mysqlDraft(), STS, { app: 'mysql', tier: 'db' });
    const sts = byKind(d, 'StatefulSet') as KubeObject & {
      spec: { selector: unknown; template: { metadata: unknown } };
    };
    expect(sts.spec.selector).toEqual({ matchLabels: { app: 'mysql', tier: 'db' } });
    expect(sts.spec.template.metadata).toEqual({ labels: { app: 'mysql', tier: 'db' } });
    expect((byKind(d, 'Service')?.spec as { selector: unknown }).selector).toEqual({
      app: 'mysql',
      tier: 'db',
    });
  });

  it.each([
    [
      { type: 'RollingUpdate', partition: 2 },
      { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    ],
    [{ type: 'OnDelete' }, { type: 'OnDelete' }],
    [
      { type: 'RollingUpdate', partition: -1.5 },
      { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    ],
  ])('update strategy %j', (strategy, want) => {
    const d = applyStatefulSetPod(mysqlDraft(), { ...readPod(mysqlDraft(), STS), strategy });
    expect((byKind(d, 'StatefulSet')?.spec as { updateStrategy: unknown }).updateStrategy).toEqual(want);
    expect(readPod(d, STS).strategy?.type).toBe(strategy.type);
  });

  it('service ports follow container ports until edited', () => {
    const pod = readPod(mysqlDraft(), STS);
    const withHttp = {
      ...pod,
      containers: [
        {
          ...pod.containers[0],
          ports: [
            ...pod.containers[0].ports,
            { name: 'http', protocol: 'TCP' as const, containerPort: 8080 },
          ],
        },
      ],
    };
    let d = applyStatefulSetPod(mysqlDraft(), withHttp);
    expect(readService(d).ports.map((p) => p.port)).toEqual([3306, 8080]);
    d = applyService(d, {
      ...readService(d),
      ports: [{ name: 'only', protocol: 'TCP', port: 1, targetPort: 3306 }],
    });
    d = applyStatefulSetPod(d, pod);
    expect(readService(d).ports).toEqual([{ name: 'only', protocol: 'TCP', port: 1, targetPort: 3306 }]);
  });

  it('volume templates round-trip and removing one removes its mounts only', () => {
    let d = mysqlDraft();
    const containers = (
      byKind(d, 'StatefulSet')?.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers;
    containers[0].volumeMounts = [
      ...(containers[0].volumeMounts as object[]),
      { name: 'config', mountPath: '/etc/mysql' },
    ];
    expect(readVolumeTemplates(d)).toEqual([
      {
        name: 'mysql-pvc',
        storageClassName: 'local',
        storage: '10Gi',
        accessMode: 'ReadWriteOnce',
        mounts: [{ container: 'container-abc123', mountPath: '/var/lib/mysql', readOnly: false }],
      },
    ]);
    d = applyVolumeTemplates(d, []);
    const sts = byKind(d, 'StatefulSet') as KubeObject & { spec: Record<string, unknown> };
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(
      (sts.spec.template as { spec: { containers: { volumeMounts: unknown }[] } }).spec.containers[0]
        .volumeMounts,
    ).toEqual([{ name: 'config', mountPath: '/etc/mysql' }]);
  });

  it('node selector is set and cleared', () => {
    let d = applyNodeSelector(mysqlDraft(), STS, { disktype: 'ssd' });
    expect(readNodeSelector(d, STS)).toEqual({ disktype: 'ssd' });
    d = applyNodeSelector(d, STS, {});
    expect(
      (byKind(d, 'StatefulSet')?.spec as { template: { spec: object } }).template.spec,
    ).not.toHaveProperty('nodeSelector');
  });

  it('reading back every section gives the form that was applied', () => {
    const d = mysqlDraft();
    expect(readBasic(d, STS)).toEqual({ name: 'mysql', alias: 'MySQL', description: 'db' });
    const pod = { ...readPod(d, STS), replicas: 3 };
    pod.containers[0] = {
      ...pod.containers[0],
      cpuRequest: '0.5',
      memoryLimit: '1Gi',
      readinessProbe: {
        ...PROBE_DEFAULTS,
        type: 'tcpSocket',
        port: 3306,
        path: undefined,
        scheme: undefined,
      },
    };
    expect(readPod(applyStatefulSetPod(d, pod), STS)).toEqual(pod);
  });
});

describe('form <-> YAML edit mode', () => {
  it.each(['yaml', 'json'] as const)(
    'fields the form does not know survive a %s round-trip and later form edits',
    (format) => {
      const d = mysqlDraft();
      const text = draftToText(d, format)
        .replace('"serviceAccount": "default"', '"serviceAccount": "default", "hostNetwork": true')
        .replace('serviceAccount: default', 'serviceAccount: default\n      hostNetwork: true');
      const parsed = draftFromText(text, format, ['StatefulSet', 'Service']);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const edited = applyStatefulSetPod(parsed.draft, { ...readPod(parsed.draft, STS), replicas: 5 });
      const podSpec = byKind(edited, 'StatefulSet')?.spec as {
        replicas: number;
        template: { spec: { hostNetwork?: boolean } };
      };
      expect(podSpec.template.spec.hostNetwork).toBe(true);
      expect(podSpec.replicas).toBe(5);
    },
  );

  it.each([
    ['invalid YAML', 'kind: StatefulSet\nmetadata: [', 'yaml'],
    ['missing Service', 'kind: StatefulSet\nmetadata: {name: a}\n', 'yaml'],
    ['not an object', '- 1', 'yaml'],
    ['invalid JSON', '{"kind":', 'json'],
  ] as const)('%s is reported and changes nothing', (_n, text, format) => {
    const res = draftFromText(text, format, ['StatefulSet', 'Service']);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.length).toBeGreaterThan(0);
  });
});

describe('randomSuffix', () => {
  it('uses [0-9a-z] and the injected randomness', () => {
    expect(randomSuffix(6, () => 0)).toBe('000000');
    expect(randomSuffix(4, () => 0.999)).toBe('zzzz');
    expect(randomSuffix()).toMatch(/^[0-9a-z]{6}$/);
  });
});
