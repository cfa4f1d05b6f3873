import { describe, expect, it } from 'vitest';
import { editableAnnotations, gatewayAddress, gatewayBody, gatewayState } from './gateway';

describe('gatewayState', () => {
  it('is none without a Service', () => {
    expect(gatewayState(undefined)).toEqual({ kind: 'none' });
  });
  it('reads a NodePort gateway with its ports', () => {
    const s = gatewayState({
      metadata: { name: 'kubesphere-router-demo', annotations: { a: 'b' } },
      spec: {
        type: 'NodePort',
        clusterIP: '10.0.0.5',
        ports: [
          { name: 'http', port: 80, nodePort: 31080 },
          { name: 'https', port: 443, nodePort: 31443 },
        ],
      },
    });
    expect(s).toEqual({
      kind: 'set',
      type: 'NodePort',
      ports: [
        { name: 'http', port: 80, nodePort: 31080 },
        { name: 'https', port: 443, nodePort: 31443 },
      ],
      address: undefined,
      annotations: { a: 'b' },
      clusterIP: '10.0.0.5',
    });
    expect(gatewayAddress(s)).toBeUndefined();
  });
  it('reads the LoadBalancer address', () => {
    const s = gatewayState({
      metadata: {},
      spec: { type: 'LoadBalancer', ports: [{ name: 'http', port: 80 }] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.0.10' }] } },
    });
    expect(gatewayAddress(s)).toBe('192.168.0.10');
  });
  it('hides system annotations from the editor and builds the body', () => {
    expect(
      editableAnnotations({ 'kubesphere.io/creator': 'x', 'service.beta.kubernetes.io/lb': 'y' }),
    ).toEqual({
      'service.beta.kubernetes.io/lb': 'y',
    });
    expect(gatewayBody('LoadBalancer', { k: 'v' })).toEqual({
      type: 'LoadBalancer',
      annotations: { k: 'v' },
    });
  });
});
