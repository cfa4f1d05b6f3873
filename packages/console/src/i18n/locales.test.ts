import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundles, resources } from './resources';

const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('locales', () => {
  it('English and Chinese have the same keys in every area', () => {
    for (const area of Object.keys(bundles.en)) {
      expect(Object.keys(bundles.zh[area]).sort(), area).toEqual(Object.keys(bundles.en[area]).sort());
    }
  });

  it('no key is defined in two areas', () => {
    const seen = new Map<string, string>();
    for (const [area, keys] of Object.entries(bundles.en)) {
      for (const key of Object.keys(keys)) {
        expect(seen.get(key), `${key} in ${area}`).toBeUndefined();
        seen.set(key, area);
      }
    }
  });

  it('every literal t("KEY") in the sources has a translation', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Z0-9_]+)'/g)) {
        if (!(m[1] in resources.en.translation)) missing.push(`${m[1]} (${file.slice(SRC.length)})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keys named in tables (nav, descriptors, steps) have translations', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /\b(?:title|label|description|addLabel|createLabel|nameHelp): '([A-Z][A-Z0-9_]+)'/g,
      )) {
        if (!(m[1] in resources.en.translation)) missing.push(`${m[1]} (${file.slice(SRC.length)})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
