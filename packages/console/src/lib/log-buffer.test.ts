import { describe, expect, it } from 'vitest';
import { appendLog, EMPTY_LOG, logFileName, logText, searchLog } from './log-buffer';

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

describe('searchLog', () => {
  const buf = appendLog(EMPTY_LOG, 'Starting mysqld\nready for connections\nERROR: disk\npartial Ready');
  it('finds lines case-insensitively with their numbers, including the open line', () => {
    expect(searchLog(buf, 'ready')).toEqual([
      { n: 2, line: 'ready for connections' },
      { n: 4, line: 'partial Ready' },
    ]);
  });
  it('matches nothing for a blank query or an absent word', () => {
    expect(searchLog(buf, '  ')).toEqual([]);
    expect(searchLog(buf, 'warning')).toEqual([]);
  });
});

describe('logFileName', () => {
  it.each([
    ['web-0', 'nginx', false, 'web-0_nginx.log'],
    ['web-0', 'nginx', true, 'web-0_nginx_previous.log'],
    ['a/b', 'c d', false, 'a-b_c-d.log'],
  ])('%s %s previous=%s → %s', (pod, container, previous, name) => {
    expect(logFileName(pod, container, previous)).toBe(name);
  });
});
