import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { defaultImagePullPolicy, defaultPod, defaultPodSpec } from './pod-defaults';

describe('defaultImagePullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['localhost:5000/nginx', 'Always'],
    ['localhost:5000/nginx:1', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
  ])('%s → %s', (image, expected) => {
    expect(defaultImagePullPolicy(image)).toBe(expected);
  });
});

describe('defaultPodSpec', () => {
  it('fills the PodSpec and container defaults', () => {
    const spec: Record<string, unknown> = {
      containers: [
        {
          name: 'c',
          image: 'nginx:1',
          ports: [{ containerPort: 80 }],
          readinessProbe: { httpGet: { port: 80 } },
          env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        },
      ],
      volumes: [{ name: 'v' }, { name: 's', secret: { secretName: 's' } }],
    };
    defaultPodSpec(spec);
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      containers: [
        {
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          readinessProbe: {
            httpGet: { port: 80, path: '/', scheme: 'HTTP' },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          env: [{ valueFrom: { fieldRef: { apiVersion: 'v1' } } }],
        },
      ],
      volumes: [
        { name: 'v', emptyDir: {} },
        { name: 's', secret: { secretName: 's', defaultMode: 420 } },
      ],
    });
    expect(spec.enableServiceLinks).toBeUndefined();
  });

  it('keeps explicit values and mirrors serviceAccount', () => {
    const spec: Record<string, unknown> = {
      restartPolicy: 'Never',
      serviceAccountName: 'robot',
      containers: [],
    };
    defaultPodSpec(spec);
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.serviceAccount).toBe('robot');
  });

  it('copies container ports to host ports on the host network', () => {
    const spec: Record<string, unknown> = {
      hostNetwork: true,
      containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }],
    };
    defaultPodSpec(spec);
    expect(spec).toMatchObject({ containers: [{ ports: [{ hostPort: 8080 }] }] });
  });
});

describe('defaultPod', () => {
  it('adds the pod-only and admission defaults', () => {
    const pod: KubeObject = {
      metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'c', image: 'x', resources: { limits: { cpu: '1' }, requests: { memory: '1Mi' } } },
        ],
      },
    };
    defaultPod(pod);
    expect(pod.spec).toMatchObject({
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      containers: [{ resources: { limits: { cpu: '1' }, requests: { cpu: '1', memory: '1Mi' } } }],
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    });
  });

  it('is idempotent and respects existing tolerations', () => {
    const pod: KubeObject = {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', image: 'x' }],
        tolerations: [
          {
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 5,
          },
        ],
      },
    };
    defaultPod(pod);
    const once = structuredClone(pod);
    defaultPod(pod);
    expect(pod).toEqual(once);
    expect((pod.spec as { tolerations: unknown[] }).tolerations).toHaveLength(2);
  });
});

describe('quantity canonicalization', () => {
  it('stores requests and limits in canonical form', () => {
    const spec: Record<string, unknown> = {
      containers: [
        {
          name: 'c',
          image: 'x',
          resources: { requests: { cpu: 0.5, memory: '1.5Gi' }, limits: { cpu: 1, memory: '2048Mi' } },
        },
      ],
    };
    defaultPodSpec(spec);
    expect(spec).toMatchObject({
      containers: [
        { resources: { requests: { cpu: '500m', memory: '1536Mi' }, limits: { cpu: '1', memory: '2Gi' } } },
      ],
    });
  });

  it('answers 400 for a malformed quantity when the kind is known, and leaves it for validation otherwise', () => {
    const bad = () => ({
      containers: [{ name: 'c', image: 'x', resources: { limits: { memory: '1 GB' } } }],
    });
    expect(() => defaultPodSpec(bad(), 'Pod')).toThrow(
      'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
    const spec = bad();
    defaultPodSpec(spec);
    expect(spec.containers[0].resources.limits.memory).toBe('1 GB');
  });
});
