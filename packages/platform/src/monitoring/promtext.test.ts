import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePromText } from './promtext';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('parsePromText', () => {
  it('parses the cadvisor fixture with labels, exponents and timestamps', () => {
    const { samples, errors } = parsePromText(fixture('cadvisor.txt'));
    expect(errors).toBe(1);
    const nginx = samples.find(
      (s) => s.name === 'container_memory_working_set_bytes' && s.labels.container === 'nginx',
    );
    expect(nginx).toEqual({
      name: 'container_memory_working_set_bytes',
      labels: {
        container: 'nginx',
        id: '/kubepods/pod1/c1',
        image: 'nginx:1.27',
        name: 'c1',
        namespace: 'demo',
        pod: 'web-5d9c-abcde',
      },
      value: 33554432,
      timestamp: 1764000000000,
    });
    const weird = samples.find((s) => s.name === 'weird_label');
    expect(weird?.labels).toEqual({ path: 'C:\\dir', quote: 'say "hi"', nl: 'a\nb' });
    expect(weird?.value).toBe(Infinity);
  });

  it.each([
    ['metric 1', { name: 'metric', labels: {}, value: 1 }],
    ['metric{} -Inf', { name: 'metric', labels: {}, value: -Infinity }],
    ['m{a="1",} NaN 5', { name: 'm', labels: { a: '1' }, value: NaN, timestamp: 5 }],
    ['m{a = "x" , b="y"} 2.5e3', { name: 'm', labels: { a: 'x', b: 'y' }, value: 2500 }],
  ])('%s', (line, expected) => {
    expect(parsePromText(line).samples).toEqual([expected]);
  });

  it.each(['1bad 3', 'm{a=1} 2', 'm{a="1"} notanumber', 'm{a="1"'])('rejects %s', (line) => {
    expect(parsePromText(line)).toEqual({ samples: [], errors: 1 });
  });
});
