import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, encodeResize, execUrl } from './exec-channel';

describe('exec channel framing', () => {
  it('encodes stdin with the channel byte and UTF-8 payload', () => {
    expect([...encodeFrame(0, 'ls\r')]).toEqual([0, 108, 115, 13]);
    expect([...encodeFrame(0, 'é')]).toEqual([0, 0xc3, 0xa9]);
  });
  it('encodes resize as channel 4 JSON', () => {
    const f = encodeResize(80, 24);
    expect(f[0]).toBe(4);
    expect(new TextDecoder().decode(f.subarray(1))).toBe('{"Width":80,"Height":24}');
  });
  it.each([
    [[1, 104, 105], 1, 'hi'],
    [[3, 123, 125], 3, '{}'],
    [[2], 2, ''],
  ])('decodes %j', (bytes, channel, text) => {
    const out = decodeFrame(new Uint8Array(bytes).buffer);
    expect(out.channel).toBe(channel);
    expect(new TextDecoder().decode(out.payload)).toBe(text);
  });
  it('builds the exec URL with the token in the query', () => {
    expect(execUrl('https://h:1/base', 'demo', 'p-0', 'c', 't k')).toBe(
      'wss://h:1/base/api/v1/namespaces/demo/pods/p-0/exec?container=c&command=sh&stdin=true&stdout=true&stderr=true&tty=true&access_token=t+k',
    );
  });
});
