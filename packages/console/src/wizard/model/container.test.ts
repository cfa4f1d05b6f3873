import { describe, expect, it } from 'vitest';
import {
  applyContainer,
  containerProblems,
  newContainer,
  PROBE_DEFAULTS,
  readContainer,
  type ContainerForm,
} from './container';

const form = (over: Partial<ContainerForm> = {}): ContainerForm => ({
  ...newContainer('abc123'),
  image: 'mysql:5.6',
  ...over,
});

describe('applyContainer', () => {
  it('builds the container KubeSphere generates', () => {
    const c = applyContainer(
      undefined,
      form({ ports: [{ name: 'tcp-3306', protocol: 'TCP', containerPort: 3306 }] }),
    );
    expect(c).toEqual({
      name: 'container-abc123',
      image: 'mysql:5.6',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ name: 'tcp-3306', protocol: 'TCP', containerPort: 3306 }],
    });
  });
  it('keeps fields the form does not know', () => {
    const existing = {
      name: 'x',
      image: 'a',
      securityContext: { runAsUser: 1000 },
      volumeMounts: [{ name: 'v', mountPath: '/d' }],
    };
    const out = applyContainer(existing, readContainer(existing));
    expect(out).toMatchObject({
      securityContext: { runAsUser: 1000 },
      volumeMounts: [{ name: 'v', mountPath: '/d' }],
    });
  });
  it.each([
    [
      'requests and limits',
      { cpuRequest: '0.5', memoryRequest: '512Mi', cpuLimit: '1', memoryLimit: '1Gi' },
      { requests: { cpu: '0.5', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    ],
    ['zero means no restriction', { cpuRequest: '0', memoryLimit: '0Mi' }, undefined],
    ['only a limit', { memoryLimit: '256Mi' }, { limits: { memory: '256Mi' } }],
  ])('resources: %s', (_n, over, want) => {
    expect(applyContainer(undefined, form(over)).resources).toEqual(want);
  });
  it('keeps unknown resource names (e.g. ephemeral-storage)', () => {
    const existing = { name: 'x', resources: { limits: { 'ephemeral-storage': '1Gi', cpu: '2' } } };
    expect(applyContainer(existing, { ...readContainer(existing), cpuLimit: '' }).resources).toEqual({
      limits: { 'ephemeral-storage': '1Gi' },
    });
  });
  it.each([
    ['value', { name: 'A', source: 'value', value: '1' }, { name: 'A', value: '1' }],
    [
      'configMap',
      { name: 'B', source: 'configMap', refName: 'cm', refKey: 'k' },
      { name: 'B', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } },
    ],
    [
      'secret',
      { name: 'C', source: 'secret', refName: 's', refKey: 'pw' },
      { name: 'C', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } },
    ],
  ] as const)('env from %s round-trips', (_n, env, want) => {
    const c = applyContainer(undefined, form({ env: [env] }));
    expect(c.env).toEqual([want]);
    expect(readContainer(c).env).toEqual([{ ...env }]);
  });
  it('keeps an env source the form cannot edit', () => {
    const existing = {
      name: 'x',
      env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
    };
    expect(applyContainer(existing, readContainer(existing)).env).toEqual(existing.env);
  });
  it.each([
    [
      'http',
      { ...PROBE_DEFAULTS, path: '/health', port: 8080 },
      { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' } },
    ],
    ['tcp', { ...PROBE_DEFAULTS, type: 'tcpSocket' as const, port: 3306 }, { tcpSocket: { port: 3306 } }],
    [
      'exec',
      { ...PROBE_DEFAULTS, type: 'exec' as const, command: ['cat', '/tmp/ok'] },
      { exec: { command: ['cat', '/tmp/ok'] } },
    ],
  ])('liveness probe %s', (_n, probe, handler) => {
    const c = applyContainer(undefined, form({ livenessProbe: probe }));
    expect(c.livenessProbe).toEqual({
      ...handler,
      initialDelaySeconds: 0,
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(readContainer(c).livenessProbe).toMatchObject({ type: probe.type });
  });
  it('drops empty command/args entries and removes cleared probes', () => {
    const existing = applyContainer(undefined, form({ readinessProbe: PROBE_DEFAULTS }));
    const c = applyContainer(existing, form({ command: ['sh', '', '-c'], args: [''] }));
    expect(c.command).toEqual(['sh', '-c']);
    expect(c.args).toBeUndefined();
    expect(c.readinessProbe).toBeUndefined();
  });
});

describe('containerProblems', () => {
  it.each([
    [form(), []],
    [form({ image: ' ' }), ['IMAGE_REQUIRED']],
    [form({ name: 'Bad_Name' }), ['CONTAINER_NAME_INVALID']],
    [form({ ports: [{ name: 'a', protocol: 'TCP', containerPort: 70000 }] }), ['PORT_INVALID']],
    [
      form({
        ports: [
          { name: 'a', protocol: 'TCP', containerPort: 1 },
          { name: 'a', protocol: 'UDP', containerPort: 2 },
        ],
      }),
      ['PORT_NAME_DUPLICATE'],
    ],
    [form({ ports: [{ name: '1abc', protocol: 'TCP', containerPort: 1 }] }), ['PORT_NAME_INVALID']],
  ])('%#', (f, want) => expect(containerProblems(f)).toEqual(want));
});
