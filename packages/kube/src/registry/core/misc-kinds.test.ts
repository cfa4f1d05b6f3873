import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { StrategyContext } from '../types';
import { endpoints, formatEndpoints } from './endpoints';
import { events } from './events';
import { limitranges, quotaColumns, resourcequotas } from './quotas';
import { replicationcontrollers } from './replicationcontrollers';
import { serviceaccounts } from './serviceaccounts';

const now = new Date('2024-05-01T12:00:00Z');
const create: StrategyContext = { now, operation: 'create', subresource: '' };

function obj(fields: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: 'x', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z', ...meta },
    ...fields,
  };
}

describe('events', () => {
  const ev = obj({
    involvedObject: {
      kind: 'Pod',
      name: 'web-0',
      namespace: 'default',
      uid: 'u1',
      fieldPath: 'spec.containers{c}',
    },
    reason: 'Pulled',
    message: ' Successfully pulled image \n',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2024-05-01T11:50:00Z',
    lastTimestamp: '2024-05-01T11:58:00Z',
    count: 3,
    type: 'Normal',
  });

  it('prints the event row', () => {
    expect(events.table?.cells(ev, now)).toEqual([
      '2m',
      'Normal',
      'Pulled',
      'pod/web-0',
      'spec.containers{c}',
      'kubelet, node-1',
      'Successfully pulled image',
      '10m',
      3,
      'x',
    ]);
    expect(events.table?.columns.map((c) => c.name)).toEqual([
      'Last Seen',
      'Type',
      'Reason',
      'Object',
      'Subobject',
      'Source',
      'Message',
      'First Seen',
      'Count',
      'Name',
    ]);
  });

  it('falls back to eventTime, series and reporting fields', () => {
    const newer = obj({
      involvedObject: { kind: 'Node' },
      reason: 'Ready',
      eventTime: '2024-05-01T11:59:00.000000Z',
      series: { count: 7, lastObservedTime: '2024-05-01T11:59:30.000000Z' },
      reportingComponent: 'sphere-node',
      reportingInstance: 'node-1',
      type: 'Warning',
    });
    expect(events.table?.cells(newer, now)).toEqual([
      '30s',
      'Warning',
      'Ready',
      'node',
      '',
      'sphere-node, node-1',
      '',
      '60s',
      7,
      'x',
    ]);
    expect(events.table?.cells(obj({ involvedObject: { kind: 'Pod', name: 'p' } }), now).slice(0, 1)).toEqual(
      ['<unknown>'],
    );
    expect(events.table?.cells(obj({ involvedObject: {} }), now)[8]).toBe(1);
  });

  it.each([
    ['involvedObject.name', 'web-0'],
    ['involvedObject.namespace', 'default'],
    ['involvedObject.uid', 'u1'],
    ['involvedObject.kind', 'Pod'],
    ['involvedObject.fieldPath', 'spec.containers{c}'],
    ['reason', 'Pulled'],
    ['source', 'kubelet'],
    ['type', 'Normal'],
    ['reportingComponent', ''],
  ])('field selector %s', (field, expected) => {
    expect(events.fieldSelectors?.[field]?.(ev)).toBe(expected);
  });

  it('requires the involved object in the event namespace', () => {
    const bad = obj({ involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } });
    expect(events.validate?.(bad, undefined, create)?.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]);
  });
});

describe('endpoints', () => {
  it.each<[string, unknown[], string]>([
    ['none', [], '<none>'],
    [
      'one port',
      [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }] }],
      '10.0.0.1:80,10.0.0.2:80',
    ],
    [
      'more than three',
      [
        {
          addresses: [
            { ip: '10.0.0.1' },
            { ip: '10.0.0.2' },
            { ip: '10.0.0.3' },
            { ip: '10.0.0.4' },
            { ip: '10.0.0.5' },
          ],
          ports: [{ port: 80 }],
        },
      ],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...',
    ],
    ['headless without ports', [{ addresses: [{ ip: '10.0.0.1' }] }], '10.0.0.1'],
    ['IPv6', [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 53 }] }], '[fd00::1]:53'],
  ])('%s', (_name, subsets, expected) => {
    expect(formatEndpoints(obj({ subsets }))).toBe(expected);
  });

  it('checks ports and addresses', () => {
    const bad = obj({ subsets: [{ addresses: [{}], ports: [{ port: 70000, protocol: 'HTTP' }] }] });
    expect(endpoints.validate?.(bad, undefined, create)?.map((c) => c.field)).toEqual([
      'subsets[0].addresses[0].ip',
      'subsets[0].ports[0].port',
      'subsets[0].ports[0].protocol',
    ]);
  });
});

describe('quotas and limit ranges', () => {
  it('prints used/hard pairs split into requests and limits', () => {
    const q = obj({
      spec: { hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '2Gi' } },
      status: {
        hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '2Gi' },
        used: { pods: '1', 'requests.cpu': '500m' },
      },
    });
    expect(quotaColumns(q)).toEqual(['pods: 1/10, requests.cpu: 500m/2', 'limits.memory: 0/2Gi']);
    expect(resourcequotas.table?.cells(q, now)).toEqual([
      'x',
      '60m',
      'pods: 1/10, requests.cpu: 500m/2',
      'limits.memory: 0/2Gi',
    ]);
  });

  it('validates quota quantities and scopes', () => {
    const q = obj({ spec: { hard: { pods: 'ten' }, scopes: ['Sometimes'] } });
    expect(resourcequotas.validate?.(q, undefined, create)?.map((c) => c.field)).toEqual([
      'spec.hard[pods]',
      'spec.scopes',
    ]);
  });

  it('validates limit ranges', () => {
    const lr = obj({
      spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }, { type: 'Node' }] },
    });
    expect(limitranges.validate?.(lr, undefined, create)?.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
      'spec.limits[1].type: Unsupported value: "Node": supported values: "Container", "Pod", "PersistentVolumeClaim"',
    ]);
    expect(limitranges.table?.cells(lr, now)).toEqual(['x', '2024-05-01T11:00:00Z']);
  });
});

describe('other kinds', () => {
  it('counts service account secrets', () => {
    expect(serviceaccounts.table?.cells(obj({ secrets: [{ name: 's' }] }), now)).toEqual(['x', 1, '60m']);
    expect(serviceaccounts.deleteReturnsObject).toBe(true);
  });

  it('serves replication controllers read-only with their printer', () => {
    expect(replicationcontrollers.verbs).toEqual(['get', 'list', 'watch']);
    const rc = obj({
      spec: {
        replicas: 3,
        selector: { app: 'web' },
        template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
      status: { replicas: 3, readyReplicas: 2 },
    });
    expect(replicationcontrollers.table?.cells(rc, now)).toEqual([
      'x',
      3,
      3,
      2,
      '60m',
      'c',
      'nginx',
      'app=web',
    ]);
  });
});

describe('pod templates', () => {
  it('defaults and validates the template, and prints it', async () => {
    const { podtemplates } = await import('./podtemplates');
    const pt = obj({
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1' }, { name: 'd' }] },
      },
    });
    podtemplates.defaults?.(pt, create);
    expect(pt.template).toMatchObject({
      spec: { restartPolicy: 'Always', containers: [{ imagePullPolicy: 'IfNotPresent' }, {}] },
    });
    expect(podtemplates.validate?.(pt, undefined, create)?.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'template.spec.containers[1].image: Required value',
    ]);
    expect(podtemplates.table?.cells(pt, now)).toEqual(['x', 'c,d', 'nginx:1,', 'app=web']);
  });
});

describe('quota quantities', () => {
  it('stores quota and limit range quantities canonically', () => {
    const q = obj({ spec: { hard: { 'requests.cpu': 0.5, 'requests.memory': '1024Mi' } } });
    resourcequotas.defaults?.(q, create);
    expect(q.spec).toEqual({ hard: { 'requests.cpu': '500m', 'requests.memory': '1Gi' } });
    const lr = obj({ spec: { limits: [{ type: 'Container', default: { cpu: '1000m' } }] } });
    limitranges.defaults?.(lr, create);
    expect(lr.spec).toEqual({ limits: [{ type: 'Container', default: { cpu: '1' } }] });
  });
});
