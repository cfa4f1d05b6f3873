/**
 * The committed `generated/` files must be exactly what `scripts/gen-schema.ts` produces from the
 * reference swagger.json (skipped where that reference file is not present, e.g. in a fresh clone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const swagger = '/work/shared/reference/kubernetes-api/swagger.json';
const repo = fileURLToPath(new URL('../../../..', import.meta.url));
const generated = fileURLToPath(new URL('./generated', import.meta.url));

describe.skipIf(!existsSync(swagger))('generated schema files', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'sphere-gen-'));
    execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/gen-schema.ts'), swagger, out], {
      cwd: repo,
      stdio: 'pipe',
    });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(['definitions.json', 'gv-hashes.json'])('%s is up to date', (file) => {
    expect(readFileSync(join(out, file), 'utf8')).toBe(readFileSync(join(generated, file), 'utf8'));
  });
});
