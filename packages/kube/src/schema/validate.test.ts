import { describe, expect, it } from 'vitest';
import { builtinSchemas, createSchemaRegistry, fromOpenApiV3Schema } from './registry';
import {
  checkTypes,
  decodeErrorMessage,
  findDuplicateFields,
  findUnknownFields,
  strictDecodingMessage,
} from './validate';

const deployment = builtinSchemas.forKind('apps', 'v1', 'Deployment')!;
const pod = builtinSchemas.forKind('', 'v1', 'Pod')!;

function deploy(extra: {
  spec?: Record<string, unknown>;
  container?: Record<string, unknown>;
  meta?: object;
}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, ...extra.meta },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'c',
              image: 'nginx',
              ports: [{ containerPort: 80 }],
              resources: { limits: { cpu: '500m', memory: 1024 } },
              ...extra.container,
            },
          ],
        },
      },
      ...extra.spec,
    },
  };
}

describe('findUnknownFields', () => {
  it.each([
    ['a valid deployment', deploy({}), []],
    ['an unknown spec field', deploy({ spec: { foo: 1 } }), ['spec.foo']],
    [
      'an unknown container field',
      deploy({ container: { imagee: 'x' } }),
      ['spec.template.spec.containers[0].imagee'],
    ],
    ['an unknown metadata field', deploy({ meta: { labelz: {} } }), ['metadata.labelz']],
    [
      'fields below a map value and an int-or-string',
      deploy({
        container: { env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'x', bogus: true } } }] },
      }),
      ['spec.template.spec.containers[0].env[0].valueFrom.fieldRef.bogus'],
    ],
    [
      'several unknown fields in document order',
      deploy({ spec: { a: 1, template: { metadata: {}, spec: { containers: [], zz: 1 } } } }),
      ['spec.template.spec.zz', 'spec.a'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(findUnknownFields(obj, deployment, builtinSchemas)).toEqual(expected);
  });

  it('accepts anything inside preserve-unknown-fields nodes (RawExtension, FieldsV1)', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': { 'f:x': {} } } }] },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    };
    expect(findUnknownFields(obj, pod, builtinSchemas)).toEqual([]);
  });

  it('checks custom resources against their CRD schema', () => {
    const registry = createSchemaRegistry();
    registry.setKind({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      schema: fromOpenApiV3Schema({
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: {
              size: { type: 'integer' },
              extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              template: {
                type: 'object',
                'x-kubernetes-embedded-resource': true,
                properties: { spec: { type: 'object' } },
              },
            },
          },
        },
      }),
    });
    const root = registry.forKind('example.com', 'v1', 'Widget')!;
    const obj = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', bogus: 1 },
      spec: {
        size: 1,
        colour: 'red',
        extra: { anything: { goes: true } },
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: {}, status: {} },
      },
    };
    expect(findUnknownFields(obj, root, registry)).toEqual([
      'metadata.bogus',
      'spec.colour',
      'spec.template.status',
    ]);
  });
});

describe('checkTypes', () => {
  it.each([
    ['a valid deployment', deploy({}), []],
    [
      'a string replica count',
      deploy({ spec: { replicas: 'two' } }),
      ['json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ],
    [
      'a fractional integer',
      deploy({ spec: { replicas: 1.5 } }),
      ['json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ],
    [
      'an object where a list belongs',
      deploy({ container: { ports: { containerPort: 80 } } }),
      [
        'json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers[0].ports of type []v1.ContainerPort',
      ],
    ],
    [
      'a number where a label value belongs',
      deploy({ meta: { labels: { app: 3 } } }),
      ['json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels.app of type string'],
    ],
    [
      'a boolean int-or-string',
      deploy({ spec: { strategy: { rollingUpdate: { maxSurge: true } } } }),
      [
        'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type intstr.IntOrString',
      ],
    ],
    [
      'a malformed quantity',
      deploy({ container: { resources: { limits: { cpu: 'lots' } } } }),
      ["quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ],
    ['null anywhere', deploy({ spec: { replicas: null, template: null } }), []],
  ])('%s', (_name, obj, expected) => {
    expect(checkTypes(obj, deployment, builtinSchemas).map((c) => c.message)).toEqual(expected);
  });

  it('reports the field path and builds the decode message', () => {
    const causes = checkTypes(deploy({ spec: { paused: 'yes' } }), deployment, builtinSchemas);
    expect(causes).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.paused',
        message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
      },
    ]);
    expect(decodeErrorMessage('Deployment', 'v1', causes)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
    );
  });
});

describe('findDuplicateFields', () => {
  it.each([
    ['no duplicates', '{"a":1,"b":{"a":2}}', []],
    ['a duplicate at the root', '{"a":1,"a":2}', ['a']],
    [
      'nested and in arrays',
      '{"spec":{"replicas":1,"x":[{"n":1,"n":2}],"replicas":3}}',
      ['spec.x[0].n', 'spec.replicas'],
    ],
    ['escaped keys and strings with braces', '{"a\\"b":"}{","a\\"b":1}', ['a"b']],
    ['malformed input', '{"a":1,"a"', ['a']],
  ])('%s', (_name, text, expected) => {
    expect(findDuplicateFields(text)).toEqual(expected);
  });

  it('formats the strict decoding message', () => {
    expect(strictDecodingMessage(['spec.foo', 'spec.bar'], ['spec.replicas'])).toBe(
      'strict decoding error: duplicate field "spec.replicas", unknown field "spec.foo", unknown field "spec.bar"',
    );
  });
});
