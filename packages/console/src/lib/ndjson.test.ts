import { describe, expect, it } from 'vitest';
import { LineSplitter } from './ndjson';

describe('LineSplitter', () => {
  it.each([
    [['{"a":1}\n'], ['{"a":1}'], []],
    [['{"a":', '1}\n{"b"', ':2}\n'], ['{"a":1}', '{"b":2}'], []],
    [['x\n\n', 'y'], ['x'], ['y']],
  ])('%j', (chunks, lines, rest) => {
    const s = new LineSplitter();
    expect(chunks.flatMap((c) => s.push(c))).toEqual(lines);
    expect(s.flush()).toEqual(rest);
  });
});
