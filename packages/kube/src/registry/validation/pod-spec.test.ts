import { describe, expect, it } from 'vitest';
import { validatePodSpec } from './pod-spec';

function messages(spec: unknown): string[] {
  return validatePodSpec(spec, 'spec').map((c) => `${c.field}: ${c.message}`);
}

const ok = { containers: [{ name: 'c', image: 'nginx' }] };

describe('validatePodSpec', () => {
  it('accepts a minimal pod', () => {
    expect(messages(ok)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no containers', { containers: [] }, ['spec.containers: Required value']],
    ['missing image', { containers: [{ name: 'c' }] }, ['spec.containers[0].image: Required value']],
    ['missing name', { containers: [{ image: 'x' }] }, ['spec.containers[0].name: Required value']],
    [
      'duplicate container names across init and app containers',
      { initContainers: [{ name: 'c', image: 'x' }], containers: [{ name: 'c', image: 'x' }] },
      ['spec.containers[0].name: Duplicate value: "c"'],
    ],
    [
      'port out of range',
      { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 70000 }] }] },
      [
        'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'bad protocol',
      { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] },
      [
        'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      ],
    ],
    [
      'bad env name',
      { containers: [{ name: 'c', image: 'x', env: [{ name: 'A=B', value: '1' }] }] },
      [
        'spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      ],
    ],
    [
      'bad restart policy',
      { ...ok, restartPolicy: 'Sometimes' },
      [
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ],
    ],
    [
      'duplicate volumes and a mount of an unknown volume',
      {
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'v', emptyDir: {} },
        ],
        containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'w', mountPath: '/w' }] }],
      },
      [
        'spec.volumes[1].name: Duplicate value: "v"',
        'spec.containers[0].volumeMounts[0].name: Not found: "w"',
      ],
    ],
    [
      'volume with two sources',
      { volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }], containers: ok.containers },
      ['spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type'],
    ],
    [
      'requests above limits',
      {
        containers: [
          { name: 'c', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1000m' } } },
        ],
      },
      [
        'spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1',
      ],
    ],
    [
      'invalid quantity',
      { containers: [{ name: 'c', image: 'x', resources: { limits: { memory: '1 GB' } } }] },
      [
        'spec.containers[0].resources.limits[memory]: Invalid value: "1 GB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      ],
    ],
    [
      'non-standard resource name',
      { containers: [{ name: 'c', image: 'x', resources: { limits: { gpu: '1' } } }] },
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'bad toleration operator',
      { ...ok, tolerations: [{ key: 'k', operator: 'Maybe' }] },
      ['spec.tolerations[0].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(messages(spec)).toEqual(expected);
  });

  it('accepts extended resources and requests equal to limits', () => {
    expect(
      messages({
        containers: [
          {
            name: 'c',
            image: 'x',
            resources: { requests: { cpu: '500m', 'nvidia.com/gpu': 1 }, limits: { cpu: '0.5' } },
          },
        ],
      }),
    ).toEqual([]);
  });
});
