import { describe, expect, it } from 'vitest';
import { appendLog, EMPTY_LOG, logText } from './log-buffer';

describe('appendLog', () => {
  it.each([
    [['a\nb\n'], 10, ['a', 'b'], ''],
    [['a\nb', 'c\nd'], 10, ['a', 'bc'], 'd'],
    [['1\n2\n3\n4\n'], 2, ['3', '4'], ''],
    [[''], 10, [], ''],
  ])('%j (max %i)', (chunks, max, lines, partial) => {
    const buf = chunks.reduce((b, c) => appendLog(b, c, max), EMPTY_LOG);
    expect(buf).toEqual({ lines, partial });
  });
  it('logText joins lines and the open line', () => {
    expect(logText(appendLog(EMPTY_LOG, 'x\ny'))).toBe('x\ny');
    expect(logText(EMPTY_LOG)).toBe('');
  });
});
