import { describe, expect, it } from 'vitest';
import { deepFreeze, frozenJsonCopy, withRevision } from './frozen';

describe('frozenJsonCopy', () => {
  it.each([
    { case: 'plain object', value: { a: 1, b: 'x', c: [1, { d: true }], e: null } },
    { case: 'undefined members dropped', value: { a: undefined, b: 1 } },
    { case: 'undefined and function items become null', value: [undefined, () => 1, 2] },
    { case: 'non-finite numbers become null', value: { a: Number.NaN, b: [Infinity] } },
    { case: 'dates become strings', value: { at: new Date(0) } },
    { case: 'functions dropped', value: { f: () => 1, g: 2 } },
    { case: 'null prototype', value: Object.assign(Object.create(null) as object, { a: 1 }) },
    { case: 'empty', value: {} },
  ])('equals the JSON round trip: $case', ({ value }) => {
    const copy = frozenJsonCopy(value);
    expect(copy).toStrictEqual(JSON.parse(JSON.stringify(value)));
  });

  it('copies deeply and freezes every level', () => {
    const source = { a: { b: [{ c: 1 }] } };
    const copy = frozenJsonCopy(source);
    source.a.b[0].c = 2;
    expect(copy.a.b[0].c).toBe(1);
    expect([
      Object.isFrozen(copy),
      Object.isFrozen(copy.a),
      Object.isFrozen(copy.a.b),
      Object.isFrozen(copy.a.b[0]),
    ]).toEqual([true, true, true, true]);
  });
});

describe('withRevision', () => {
  it('shares everything except the metadata and stamps the revision', () => {
    const stored = deepFreeze({ metadata: { name: 'a', resourceVersion: '3' }, spec: { x: [1] } });
    const stamped = withRevision(stored, 9);
    expect(stamped.metadata).toEqual({ name: 'a', resourceVersion: '9' });
    expect(stamped.spec).toBe(stored.spec);
    expect(stored.metadata.resourceVersion).toBe('3');
    expect(Object.isFrozen(stamped) && Object.isFrozen(stamped.metadata)).toBe(true);
  });
});
