import { describe, expect, it } from 'vitest';
import { fromOpenApiV3Schema } from './registry';
import { applyCustomResourceDefaults, pruneUnknownFields, validateCustomResource } from './validate';

const schema = fromOpenApiV3Schema({
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['replicas'],
      properties: {
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
        ratio: { type: 'number', exclusiveMinimum: true, minimum: 0, multipleOf: 0.5 },
        mode: { type: 'string', enum: ['fast', 'slow'] },
        name: { type: 'string', minLength: 3, maxLength: 8, pattern: '^[a-z]+$' },
        when: { type: 'string', format: 'date-time' },
        port: { 'x-kubernetes-int-or-string': true },
        tags: {
          type: 'array',
          minItems: 1,
          maxItems: 3,
          items: { type: 'string' },
          'x-kubernetes-list-type': 'set',
        },
        servers: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, weight: { type: 'integer' } },
          },
        },
        labels: { type: 'object', maxProperties: 2, additionalProperties: { type: 'string' } },
        maybe: { type: 'string', nullable: true },
        code: { type: 'integer', enum: [1, 2] },
        size: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        both: { type: 'string', allOf: [{ maxLength: 5 }, { minLength: 3 }] },
        other: { type: 'string', not: { enum: ['no'] } },
        either: { type: 'object', oneOf: [{ required: ['a'] }, { required: ['b'] }] },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          'x-kubernetes-preserve-unknown-fields': true,
        },
      },
    },
  },
});

const cr = (spec: Record<string, unknown>) =>
  JSON.parse(
    JSON.stringify({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { replicas: 3, ...spec },
    }),
  ) as Record<string, unknown>;

describe('validateCustomResource', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a valid object', { mode: 'fast', name: 'abc', port: 'http', tags: ['a'], maybe: null }, []],
    [
      'a wrong type',
      { replicas: 'three' },
      ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    ],
    [
      'a fraction for an integer',
      { replicas: 1.5 },
      ['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"'],
    ],
    ['a missing required field', { replicas: undefined }, ['spec.replicas: Required value']],
    [
      'numeric bounds',
      { replicas: 0, ratio: 0 },
      [
        'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
        'spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0',
      ],
    ],
    [
      'a maximum',
      { replicas: 11 },
      ['spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10'],
    ],
    [
      'multipleOf',
      { ratio: 0.7 },
      ['spec.ratio: Invalid value: 0.7: spec.ratio in body should be a multiple of 0.5'],
    ],
    [
      'an enum',
      { mode: 'medium' },
      ['spec.mode: Unsupported value: "medium": supported values: "fast", "slow"'],
    ],
    [
      'a short string',
      { name: 'ab' },
      ['spec.name: Invalid value: "ab": spec.name in body should be at least 3 chars long'],
    ],
    ['a long string', { name: 'abcdefghij' }, ['spec.name: Too long: may not be more than 8 bytes']],
    [
      'a pattern',
      { name: 'ABC' },
      ['spec.name: Invalid value: "ABC": spec.name in body should match \'^[a-z]+$\''],
    ],
    [
      'a date-time format',
      { when: 'yesterday' },
      ['spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"'],
    ],
    [
      'int-or-string',
      { port: true },
      ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"'],
    ],
    [
      'minItems',
      { tags: [] },
      ['spec.tags: Invalid value: []: spec.tags in body should have at least 1 items'],
    ],
    ['maxItems', { tags: ['a', 'b', 'c', 'd'] }, ['spec.tags: Too many: 4: must have at most 3 items']],
    ['set duplicates', { tags: ['a', 'a'] }, ['spec.tags[1]: Duplicate value: "a"']],
    [
      'map list duplicates and nested required',
      { servers: [{ name: 'x' }, { name: 'x', weight: 1 }, { weight: 2 }] },
      ['spec.servers[2].name: Required value', 'spec.servers[1]: Duplicate value: {"name":"x"}'],
    ],
    [
      'additionalProperties values and maxProperties',
      { labels: { a: 'x', b: 1, c: 'z' } },
      [
        'spec.labels: Too many: 3: must have at most 2 items',
        'spec.labels.b: Invalid value: "integer": spec.labels.b in body must be of type string: "integer"',
      ],
    ],
    [
      'null for a non-nullable field',
      { mode: null },
      ['spec.mode: Invalid value: "null": spec.mode in body must be of type string: "null"'],
    ],
    [
      'oneOf',
      { either: { a: 1, b: 2 } },
      ['<nil>: Invalid value: "": "spec.either" must validate one and only one schema (oneOf)'],
    ],
    [
      'null for an int-or-string',
      { port: null },
      ['spec.port: Invalid value: "null": spec.port in body must be of type integer,string: "null"'],
    ],
    [
      'a wrong type and an enum at once',
      { code: 'x' },
      [
        'spec.code: Invalid value: "string": spec.code in body must be of type integer: "string"',
        'spec.code: Unsupported value: "x": supported values: "1", "2"',
      ],
    ],
    [
      'anyOf with int-or-string',
      { size: true },
      [
        'spec.size: Invalid value: "boolean": spec.size in body must be of type integer,string: "boolean"',
        '<nil>: Invalid value: "": "spec.size" must validate at least one schema (anyOf)',
        'spec.size: Invalid value: "boolean": spec.size in body must be of type integer: "boolean"',
      ],
    ],
    [
      'allOf',
      { both: 'ab' },
      [
        '<nil>: Invalid value: "": "spec.both" must validate all the schemas (allOf)',
        'spec.both: Invalid value: "ab": spec.both in body should be at least 3 chars long',
      ],
    ],
    ['not', { other: 'no' }, ['<nil>: Invalid value: "": "spec.other" must not validate the schema (not)']],
    [
      'an embedded resource without kind',
      { template: { apiVersion: 'v1', spec: {} } },
      ['spec.template.kind: Required value: must not be empty'],
    ],
  ])('%s', (_name, spec, expected) => {
    const causes = validateCustomResource(cr(spec), schema);
    expect(causes.map((c) => `${c.field ?? '<nil>'}: ${c.message}`)).toEqual(expected);
  });

  it('requires the root fields the schema requires, but not metadata', () => {
    const causes = validateCustomResource(
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: {} },
      schema,
    );
    expect(causes).toEqual([{ reason: 'FieldValueRequired', field: 'spec', message: 'Required value' }]);
  });
});

describe('pruneUnknownFields', () => {
  it('drops unspecified fields, keeps preserved and embedded ones, and reports what it removed', () => {
    const obj = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      status: { ready: true },
      spec: {
        replicas: 1,
        colour: 'red',
        servers: [{ name: 'a', extra: 1 }],
        labels: { a: 'b' },
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', junk: 1 }, anything: { x: 1 } },
      },
    };
    const removed = pruneUnknownFields(obj, schema);
    expect(removed).toEqual(['status', 'spec.colour', 'spec.servers[0].extra']);
    expect(obj).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: {
        replicas: 1,
        servers: [{ name: 'a' }],
        labels: { a: 'b' },
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, anything: { x: 1 } },
      },
    });
  });

  it('keeps everything under a schema that preserves unknown fields', () => {
    const obj = { apiVersion: 'a/v1', kind: 'K', metadata: {}, spec: { x: { y: 1 } } };
    expect(
      pruneUnknownFields(
        obj,
        fromOpenApiV3Schema({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
      ),
    ).toEqual([]);
    expect(obj.spec).toEqual({ x: { y: 1 } });
  });
});

describe('applyCustomResourceDefaults', () => {
  const withDefaults = fromOpenApiV3Schema({
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        default: {},
        properties: {
          replicas: { type: 'integer', default: 1 },
          mode: { type: 'string', default: 'fast' },
          maybe: { type: 'string', nullable: true, default: 'x' },
          ports: {
            type: 'array',
            items: { type: 'object', properties: { protocol: { type: 'string', default: 'TCP' } } },
          },
          limits: {
            type: 'object',
            additionalProperties: { type: 'object', properties: { unit: { type: 'string', default: 'm' } } },
          },
          list: { type: 'array', items: { type: 'string' }, default: ['a'] },
        },
      },
    },
  });

  it.each<[string, unknown, unknown]>([
    ['an absent spec', {}, { replicas: 1, mode: 'fast', maybe: 'x', list: ['a'] }],
    [
      'set values kept, nulls of non-nullable fields replaced, nested items and map values defaulted',
      { replicas: 3, mode: null, maybe: null, ports: [{}, { protocol: 'UDP' }], limits: { cpu: {} } },
      {
        replicas: 3,
        mode: 'fast',
        maybe: null,
        ports: [{ protocol: 'TCP' }, { protocol: 'UDP' }],
        limits: { cpu: { unit: 'm' } },
        list: ['a'],
      },
    ],
  ])('%s', (_name, spec, expected) => {
    const obj: Record<string, unknown> = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
    };
    if (spec && Object.keys(spec).length) obj.spec = spec;
    applyCustomResourceDefaults(obj, withDefaults);
    expect(obj.spec).toEqual(expected);
    expect(obj.metadata).toEqual({ name: 'w' });
  });

  it('copies default values rather than sharing them', () => {
    const a: Record<string, unknown> = {};
    const b: Record<string, unknown> = {};
    applyCustomResourceDefaults(a, withDefaults);
    applyCustomResourceDefaults(b, withDefaults);
    (a.spec as { list: string[] }).list.push('z');
    expect((b.spec as { list: string[] }).list).toEqual(['a']);
  });
});
