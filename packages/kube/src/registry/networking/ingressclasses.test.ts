import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { copy, ctxFor, messages, now } from '../apps/test-support';
import { ingressclasses } from './ingressclasses';

const cls = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'nginx', creationTimestamp: '2026-01-01T11:00:00Z' },
  spec,
});

describe('IngressClass', () => {
  it('requires a controller and keeps it immutable', () => {
    expect(messages(ingressclasses.validate?.(cls({}), undefined, ctxFor()) ?? [])).toEqual([
      'spec.controller: Required value',
    ]);
    const old = cls({ controller: 'k8s.io/ingress-nginx' });
    const next = copy(old);
    (next.spec as Record<string, unknown>).controller = 'example.com/other';
    expect(messages(ingressclasses.validate?.(next, old, ctxFor('update')) ?? [])).toEqual([
      'spec.controller: Invalid value: "example.com/other": field is immutable',
    ]);
  });

  it('prints controller and parameters', () => {
    const obj = cls({
      controller: 'k8s.io/ingress-nginx',
      parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p' },
    });
    expect(ingressclasses.namespaced).toBe(false);
    expect(ingressclasses.table?.cells(obj, now)).toEqual([
      'nginx',
      'k8s.io/ingress-nginx',
      'IngressParameters.k8s.example.com/p',
      '60m',
    ]);
    expect(ingressclasses.table?.cells(cls({ controller: 'c' }), now)[2]).toBe('<none>');
  });
});
