/**
 * @module cli/console-build
 * The console's production build, made by `npm install` (postinstall) and, failing that, on first start.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const consoleDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../console');

export async function ensureConsoleBuild(log: (line: string) => void): Promise<string> {
  const dist = join(consoleDir, 'dist');
  if (existsSync(join(dist, 'index.html'))) return dist;
  log('building the web console (first start only)...');
  const { build } = await import('vite');
  await build({ root: consoleDir, configFile: join(consoleDir, 'vite.config.ts'), logLevel: 'warn' });
  return dist;
}
