import { describe, expect, it } from 'vitest';
import { fromText, toText } from './yaml-docs';

const objs = [
  { kind: 'StatefulSet', metadata: { name: 'a' } },
  { kind: 'Service', metadata: { name: 'b' } },
];

describe('yaml-docs', () => {
  it.each(['yaml', 'json'] as const)('round-trips %s', (format) => {
    const parsed = fromText(toText(objs, format), format);
    expect(parsed).toEqual({ ok: true, objects: objs });
  });
  it('joins YAML documents with ---', () => {
    expect(toText(objs, 'yaml')).toContain('---\nkind: Service');
  });
  it.each([
    ['yaml', 'kind: [unclosed', false],
    ['yaml', '- a\n- b', false],
    ['yaml', '', true],
    ['json', '{"a":', false],
    ['json', '[1]', false],
  ] as const)('%s %j ok=%s', (format, text, ok) => {
    const res = fromText(text, format);
    expect(res.ok).toBe(ok);
    if (!res.ok) expect(res.error).toBeTruthy();
  });
  it('reports the line of a YAML error', () => {
    const res = fromText('a: 1\nb: [\n', 'yaml');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.line).toBeGreaterThan(1);
  });
});
