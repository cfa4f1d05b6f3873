import { describe, expect, it } from 'vitest';
import { scrapeIntervalMs } from '../src/start-command';

describe('scrapeIntervalMs', () => {
  it.each([
    ['neither flag nor env: the platform default', undefined, undefined, undefined],
    ['empty env', undefined, '', undefined],
    ['the flag', 2, undefined, 2000],
    ['the flag wins over the env', 2, '30', 2000],
    ['the env in seconds', undefined, '5', 5000],
    ['the env with an s suffix', undefined, '5s', 5000],
  ])('%s', (_name, flag, env, expected) => {
    expect(scrapeIntervalMs(flag, env)).toBe(expected);
  });

  it.each(['0', '1.5', 'ten', '3601'])('rejects SPHERE_SCRAPE_INTERVAL=%s', (env) => {
    expect(() => scrapeIntervalMs(undefined, env)).toThrow(/SPHERE_SCRAPE_INTERVAL/);
  });
});
