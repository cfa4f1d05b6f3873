/**
 * @module openapi/page
 * A self-contained, browsable API documentation page: fetches the OpenAPI document and renders operations
 * grouped by tag, with their parameters and a curl example. No external assets (works offline).
 */

export const apiDocsHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sphere platform API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#242e42;background:#f9fbfd}
header{background:#242e42;color:#fff;padding:16px 32px}header h1{margin:0;font-size:20px}
main{max-width:1100px;margin:0 auto;padding:16px 32px}
h2{border-bottom:1px solid #d8dee5;padding-bottom:4px;margin-top:32px}
details{background:#fff;border:1px solid #e3e9ef;border-radius:4px;margin:6px 0}
summary{cursor:pointer;padding:8px 12px;font-family:ui-monospace,monospace;font-size:13px}
.m{display:inline-block;width:64px;font-weight:700}.GET{color:#0a7c42}.POST{color:#1c64d8}.PUT{color:#b8860b}.PATCH{color:#8a4baf}.DELETE{color:#c62828}
.body{padding:4px 16px 12px;font-size:14px}pre{background:#f1f4f8;padding:8px;overflow:auto;font-size:12px}
input{padding:6px 8px;width:320px;margin:8px 0}
</style></head>
<body><header><h1>Sphere platform API</h1><div id="desc"></div></header>
<main><p>Machine-readable description: <a href="/kapis/openapi/v3">/kapis/openapi/v3</a>.
Filter: <input id="q" placeholder="path or summary"></p><div id="ops">Loading…</div></main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
fetch('/kapis/openapi/v3').then((r) => r.json()).then((doc) => {
  document.getElementById('desc').textContent = doc.info.description;
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    (byTag[op.tags[0]] ??= []).push({ path, method: method.toUpperCase(), op });
  }
  const render = (filter) => {
    let html = '';
    for (const [tag, ops] of Object.entries(byTag)) {
      const shown = ops.filter((o) => !filter || (o.path + ' ' + o.op.summary).toLowerCase().includes(filter));
      if (!shown.length) continue;
      html += '<h2>' + esc(tag) + '</h2>';
      for (const { path, method, op } of shown) {
        const params = (op.parameters || []).map((p) => '<li><code>' + esc(p.name) + '</code> (' + p.in + ')</li>').join('');
        const curl = path.startsWith('/oauth/token')
          ? "curl -s -X POST http://HOST/oauth/token -d 'grant_type=password&username=admin&password=...'"
          : 'curl -s -X ' + method + ' -H "Authorization: Bearer $TOKEN" http://HOST' + path + (op.requestBody ? " -H 'Content-Type: application/json' -d '{...}'" : '');
        html += '<details><summary><span class="m ' + method + '">' + method + '</span>' + esc(path) + ' — ' + esc(op.summary) + '</summary><div class="body">'
          + (params ? '<p>Parameters:</p><ul>' + params + '</ul>' : '') + '<p>Responses: ' + Object.keys(op.responses).join(', ') + '</p><pre>' + esc(curl.replaceAll('HOST', location.host)) + '</pre></div></details>';
      }
    }
    document.getElementById('ops').innerHTML = html;
  };
  render('');
  document.getElementById('q').addEventListener('input', (e) => render(e.target.value.toLowerCase()));
});
</script></body></html>`;
