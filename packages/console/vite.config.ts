import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Which vendor chunk a module belongs to; keeps the entry chunk small and caches vendors separately. */
function vendorChunk(id: string): string | null {
  if (!id.includes('node_modules')) return null;
  if (/[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/.test(id)) return 'react';
  if (/@codemirror|@lezer|@uiw|codemirror|crelt|style-mod|w3c-keyname/.test(id)) return 'codemirror';
  if (/@xterm/.test(id)) return 'xterm';
  if (/uplot/.test(id)) return 'uplot';
  if (/[\\/]yaml[\\/]/.test(id)) return 'yaml';
  if (/@ant-design[\\/]icons/.test(id)) return 'antd-icons';
  if (/antd|@ant-design|rc-|@rc-component|@emotion|dayjs/.test(id)) return 'antd';
  if (/i18next|@tanstack/.test(id)) return 'libs';
  return null;
}

// base './': every asset URL is relative, so the build runs under any base path. index.html computes
// the base at load time (see the inline script there) so deep links resolve assets correctly.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: (id: string) => vendorChunk(id), debugName: 'vendor' }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/oauth', '/kapis', '/api', '/apis'].map((p) => [
        p,
        { target: process.env.SPHERE_URL ?? 'http://127.0.0.1:30880', changeOrigin: true, ws: true },
      ]),
    ),
  },
});
