/**
 * @module static
 * Serves the console build (if configured) with an SPA fallback: unknown paths without a file extension
 * get index.html so client-side routes survive a reload.
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** Returns false when there is nothing to serve (no static dir, or a missing asset). */
export async function serveStatic(
  dir: string | undefined,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!dir || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const root = path.resolve(dir);
  let file = path.resolve(root, '.' + decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) return false;
  let stat = await fs.promises.stat(file).catch(() => undefined);
  if (stat?.isDirectory()) {
    file = path.join(file, 'index.html');
    stat = await fs.promises.stat(file).catch(() => undefined);
  }
  if (!stat) {
    if (path.extname(url.pathname)) return false;
    file = path.join(root, 'index.html');
    stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat) return false;
  }
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  const immutable = url.pathname.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': type,
    'content-length': stat.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
  return true;
}
