import { describe, expect, it } from 'vitest';
import {
  desiredEndpoints,
  desiredSlices,
  planSlices,
  podEndpoints,
  resolveTargetPort,
  type Pod,
  type Service,
} from './plan';

const svc = (extra: Partial<NonNullable<Service['spec']>> = {}, name = 'web'): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', uid: 'svc' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...extra },
});

const pod = (
  name: string,
  ip: string | undefined,
  opts: {
    ready?: boolean;
    port?: number;
    labels?: Record<string, string>;
    deleting?: boolean;
    hostname?: string;
    subdomain?: string;
    phase?: string;
  } = {},
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    labels: opts.labels ?? { app: 'web' },
    ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
  },
  spec: {
    nodeName: 'node-1',
    hostname: opts.hostname,
    subdomain: opts.subdomain,
    containers: [{ ports: opts.port === undefined ? [] : [{ name: 'http', containerPort: opts.port }] }],
  },
  status: {
    phase: opts.phase ?? 'Running',
    podIP: ip,
    conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
  },
});

describe('resolveTargetPort', () => {
  it.each([
    { target: 8080, port: undefined, want: 8080 },
    { target: '9090', port: undefined, want: 9090 },
    { target: 'http', port: 8081, want: 8081 },
    { target: 'http', port: undefined, want: undefined },
    { target: undefined, port: undefined, want: 80 },
  ])('targetPort $target with container port $port → $want', ({ target, port, want }) => {
    expect(resolveTargetPort({ port: 80, targetPort: target }, pod('a', '10.0.0.1', { port }))).toBe(want);
  });
});

describe('Endpoints', () => {
  it('puts ready pods in addresses and not-ready ones in notReadyAddresses, skipping unscheduled and finished pods', () => {
    const pods = [
      pod('b', '10.0.0.10', { port: 8080 }),
      pod('a', '10.0.0.2', { port: 8080, ready: false }),
      pod('c', undefined, { port: 8080 }),
      pod('d', '10.0.0.4', { port: 8080, phase: 'Succeeded' }),
      pod('e', '10.0.0.5', { port: 8080, labels: { app: 'other' } }),
      pod('f', '10.0.0.6', { port: 8080, deleting: true }),
    ];
    const ep = desiredEndpoints(svc(), podEndpoints(svc(), pods)) as unknown as {
      subsets: { addresses: { ip: string }[]; notReadyAddresses: { ip: string }[]; ports: unknown }[];
    };
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses.map((a) => a.ip)).toEqual(['10.0.0.10']);
    expect(ep.subsets[0].notReadyAddresses.map((a) => a.ip)).toEqual(['10.0.0.2']);
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('groups pods whose named port resolves differently into separate subsets', () => {
    const eps = podEndpoints(svc(), [
      pod('a', '10.0.0.1', { port: 8080 }),
      pod('b', '10.0.0.2', { port: 9090 }),
    ]);
    expect((desiredEndpoints(svc(), eps) as unknown as { subsets: unknown[] }).subsets).toHaveLength(2);
  });

  it.each([
    { subdomain: 'web', want: 'web-0' },
    { subdomain: 'other', want: undefined },
  ])('hostname is set only when the pod subdomain names the service ($subdomain)', ({ subdomain, want }) => {
    const eps = podEndpoints(svc({ clusterIP: 'None' }), [
      pod('web-0', '10.0.0.1', { port: 80, hostname: 'web-0', subdomain }),
    ]);
    expect(eps[0].hostname).toBe(want);
  });

  it('omits subsets when no pod matches', () => {
    expect(desiredEndpoints(svc(), [])).not.toHaveProperty('subsets');
  });
});

describe('EndpointSlices', () => {
  it('reports terminating pods with their conditions', () => {
    const slices = desiredSlices(podEndpoints(svc(), [pod('a', '10.0.0.1', { port: 80, deleting: true })]));
    expect(slices[0].endpoints[0]).toMatchObject({
      addresses: ['10.0.0.1'],
      conditions: { ready: false, serving: true, terminating: true },
      nodeName: 'node-1',
    });
  });

  it('keeps one empty slice for a service without pods', () => {
    expect(desiredSlices([])).toEqual([{ ports: [], endpoints: [] }]);
  });

  it.each([
    { name: 'creates when none exist', existing: 0, desired: 1, create: 1, update: 0, del: 0 },
    { name: 'updates in place', existing: 1, desired: 1, create: 0, update: 1, del: 0 },
    { name: 'deletes extras', existing: 3, desired: 1, create: 0, update: 1, del: 2 },
  ])('planSlices: $name', ({ existing, desired, create, update, del }) => {
    const slices = Array.from({ length: existing }, (_, i) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `web-${i}` },
      ports: [{ port: 1, protocol: 'TCP' }],
      endpoints: [],
    }));
    const want = Array.from({ length: desired }, () => ({
      ports: [{ port: 80, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.0.0.1'] }],
    }));
    const plan = planSlices(slices, want);
    expect([plan.create.length, plan.update.length, plan.delete.length]).toEqual([create, update, del]);
  });
});
