import { describe, expect, it } from 'vitest';
import { StatusError } from '@sphere/shared';
import {
  gatewayArgs,
  gatewayDeployment,
  gatewayService,
  parseGatewayRequest,
  updatedDeployment,
  updatedService,
} from './objects';

describe('parseGatewayRequest', () => {
  it.each([
    [{ type: 'NodePort' }, { type: 'NodePort', annotations: {} }],
    [
      { type: 'LoadBalancer', annotations: { a: 'b' } },
      { type: 'LoadBalancer', annotations: { a: 'b' } },
    ],
  ])('%j is accepted', (body, want) => expect(parseGatewayRequest('p', body)).toEqual(want));

  it.each([
    [{}],
    [{ type: 'ClusterIP' }],
    [{ type: 'NodePort', annotations: { a: 1 } }],
    [{ type: 'NodePort', annotations: [] }],
  ])('%j is Invalid (422)', (body) => {
    try {
      parseGatewayRequest('p', body as Record<string, unknown>);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(StatusError);
      expect((err as StatusError).code).toBe(422);
    }
  });
});

describe('gateway objects', () => {
  it('NodePort reports the node address, LoadBalancer publishes its Service', () => {
    expect(gatewayArgs('demo', 'NodePort')).toContain('--report-node-internal-ip-address');
    expect(gatewayArgs('demo', 'LoadBalancer')).toContain(
      '--publish-service=kubesphere-controls-system/kubesphere-router-demo',
    );
    expect(gatewayArgs('demo', 'NodePort')).toContain('--watch-namespace=demo');
  });

  it('updating swaps the address argument, keeps other args, merges annotations', () => {
    const current = gatewayDeployment('demo', { type: 'NodePort', annotations: {} });
    (
      current.spec as { template: { spec: { containers: { args: string[] }[] } } }
    ).template.spec.containers[0].args.push('--custom');
    const next = updatedDeployment(current, 'demo', {
      type: 'LoadBalancer',
      annotations: { 'servicemesh.kubesphere.io/enabled': 'true' },
    }) as unknown as {
      spec: {
        template: {
          metadata: { annotations: Record<string, string> };
          spec: { containers: { args: string[] }[] };
        };
      };
    };
    const args = next.spec.template.spec.containers[0].args;
    expect(args.filter((a) => a.startsWith('--publish-service') || a.startsWith('--report-node'))).toEqual([
      '--publish-service=kubesphere-controls-system/kubesphere-router-demo',
    ]);
    expect(args).toContain('--custom');
    expect(next.spec.template.metadata.annotations['sidecar.istio.io/inject']).toBe('true');
    const svc = { ...gatewayService('demo', { type: 'NodePort', annotations: { a: '1' } }) };
    const updated = updatedService(svc, { type: 'LoadBalancer', annotations: { b: '2' } });
    expect(updated.metadata.annotations).toEqual({ a: '1', b: '2' });
    expect((updated.spec as { type: string }).type).toBe('LoadBalancer');
  });
});
