import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zh from './locales/zh.json';

const sources = readdirSync(import.meta.dirname)
  // alerting.ts is data (severity and level names, not keys); alerting.test.ts checks its metric names.
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && f !== 'alerting.ts')
  .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'));

describe('monitoring locales', () => {
  it('English and Chinese have the same keys', () => {
    expect(Object.keys(zh.monitoring).sort()).toEqual(Object.keys(en.monitoring).sort());
    expect(Object.keys(zh.nav).sort()).toEqual(Object.keys(en.nav).sort());
  });

  it("every t('key') and nav key used here has a translation", () => {
    const missing: string[] = [];
    for (const text of sources) {
      for (const m of text.matchAll(/\bt\('([a-zA-Z]+)'/g)) if (!(m[1] in en.monitoring)) missing.push(m[1]);
      for (const m of text.matchAll(/\bkey: '([A-Z_]+)'/g)) if (!(m[1] in en.nav)) missing.push(m[1]);
      // Keys passed through tables: ['cpuUsage', ...] and [..., 'deployments'] tuples.
      for (const m of text.matchAll(/\[\s*'([a-z][a-zA-Z]+)',\s*'[a-z_]+'/g))
        if (!(m[1] in en.monitoring)) missing.push(m[1]);
    }
    expect(missing).toEqual([]);
  });
});
