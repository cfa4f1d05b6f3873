import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Vendor chunks. Higher priority groups claim a module first: without priorities a lazily used library
 * (CodeMirror) would pull shared dependencies such as react/jsx-runtime into its own chunk and make
 * every page load it.
 */
const VENDOR_GROUPS = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
    priority: 100,
  },
  { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 95 },
  {
    // antd's runtime (theme, CSS-in-JS, shared rc-components): every page needs it. Its components are
    // left to the pages' chunks, so the shell does not download the date pickers and trees of pages it
    // may never open.
    name: 'antd',
    test: /node_modules[\\/](@ant-design[\\/](cssinjs|colors|fast-color)|@rc-component[\\/](util|motion|resize-observer|portal)|rc-util|rc-motion|rc-resize-observer|@emotion|classnames|stylis)[\\/]/,
    priority: 90,
  },
  { name: 'libs', test: /node_modules[\\/](i18next|react-i18next|@tanstack)[\\/]/, priority: 80 },
  { name: 'yaml', test: /node_modules[\\/]yaml[\\/]/, priority: 70 },
  {
    name: 'codemirror',
    test: /node_modules[\\/](@codemirror|@lezer|@uiw|codemirror|crelt|style-mod|w3c-keyname)[\\/]/,
    priority: 10,
  },
  { name: 'xterm', test: /node_modules[\\/]@xterm[\\/]/, priority: 10 },
  { name: 'uplot', test: /node_modules[\\/]uplot[\\/]/, priority: 10 },
];

/**
 * With relative asset URLs, a deep link (/projects/demo/statefulsets) would make the browser's preload
 * scanner fetch ./assets/* under /projects/demo/. So the entry script, preloads and stylesheets are not
 * left as static tags: the inline script in index.html writes them with the base path it computed.
 */
function baseAwareAssets(): Plugin {
  return {
    name: 'sphere-base-aware-assets',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tags: string[] = [];
        const rest = html.replace(
          /\s*<(script|link)\b[^>]*(?:src|href)="\.\/assets\/[^"]+"[^>]*>(?:<\/script>)?/g,
          (tag) => {
            tags.push(tag.trim());
            return '';
          },
        );
        const writes = tags
          .map(
            (tag) =>
              `document.write(${JSON.stringify(tag)
                .replace(/\.\/assets\//g, '" + window.__SPHERE_BASE__ + "assets/')
                .replace(/<\//g, '<\\/')});`,
          )
          .join('\n');
        return rest.replace('</head>', `<script>\n${writes}\n</script>\n</head>`);
      },
    },
  };
}

// base './': every asset URL is relative, so the build runs under any base path. index.html computes
// the base at load time (see the inline script there) so deep links resolve assets correctly.
export default defineConfig({
  root,
  base: './',
  plugins: [react(), baseAwareAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: VENDOR_GROUPS },
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
