import { ERROR_STATUS, errorAnchor, type ErrorCode } from '@layerlab/sdk/spec';
import { escapeHtml as escape, schemaSection, typeLabel } from './docs-schema.js';

/** What each error code means and what to do about it: the targets of problem `type` links. */
export const ERROR_HELP: Record<ErrorCode, string> = {
  MALFORMED_REQUEST: 'The body is not valid JSON, or has the wrong Content-Type for the route. Fix the request; retrying as is will fail again.',
  UNAUTHORIZED: 'No API key, or an unknown one. Send "Authorization: Bearer <key>".',
  NOT_FOUND: 'No such resource for your key: a wrong or malformed id, or another tenant\'s resource.',
  CONFLICT: 'The resource is in a state that forbids this (cancelling a finished job, deleting a dataset in use), or an Idempotency-Key was reused with another body.',
  PAYLOAD_TOO_LARGE: 'The body is larger than the limit (LAYERLAB_MAX_BODY_BYTES, default 100 MiB).',
  VALIDATION_FAILED: 'A field is missing or out of range; `errors` lists each one with its path.',
  DATASET_INVALID: 'The data cannot be trained on as sent: unparseable CSV, ragged rows, no rows, a missing target column or a single-class target. The detail says which.',
  RATE_LIMITED: 'Too many requests; wait for Retry-After seconds.',
  INTERNAL: 'A bug on our side. The response carries a requestId that the logs know.',
  UNAVAILABLE: 'Storage or the trainer is unreachable right now; retry after Retry-After seconds.',
};


interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { description?: string }>;
}

function operationHtml(method: string, path: string, op: Operation, index: number): string {
  const params = (op.parameters ?? [])
    .map((p) => `<li><code>${escape(p.name)}</code> <small>${escape(p.in)}${p.required === true ? ', required' : ''}</small> ${escape(p.description ?? '')}</li>`)
    .join('');
  const bodyTypes = Object.keys(op.requestBody?.content ?? {});
  const entries = Object.entries(op.responses ?? {});
  const ok = entries.filter(([status]) => status < '400').map(([status, response]) => `<b>${escape(status)}</b> ${escape(response.description ?? '')}`);
  const failures = entries
    .filter(([status]) => status >= '400')
    .flatMap(([status, response]) => (response.description ?? '').split(', ').map((code) => `<a href="#${escape(code.toLowerCase().replaceAll('_', '-'))}">${escape(status)} ${escape(code)}</a>`));
  const bodies = Object.entries(op.requestBody?.content ?? {})
    .map(([type, media]) => `<code>${escape(type)}</code>${media.schema?.$ref === undefined ? '' : ` → ${typeLabel(media.schema)}`}`)
    .join(' or ');
  return `<section class="op" id="op-${index}">
  <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
  <p>${escape(op.summary ?? '')}</p>${op.description === undefined ? '' : `<p class="d">${escape(op.description)}</p>`}
  ${params === '' ? '' : `<h4>Parameters</h4><ul>${params}</ul>`}
  ${bodies === '' ? '' : `<h4>Body</h4><p>${bodies}</p>`}
  <h4>Responses</h4><p>${ok.join('; ')}</p><p class="errs">${failures.join(' · ')}</p>
  <details><summary>Try it</summary>
    <form data-method="${method}" data-path="${escape(path)}">
      <input name="url" value="${escape(path)}" size="60" aria-label="URL">
      ${bodyTypes.length === 0 ? '' : `<select name="type">${bodyTypes.map((t) => `<option>${escape(t)}</option>`).join('')}</select><br><textarea name="body" rows="6" cols="80" aria-label="Body"></textarea>`}
      <button>Send</button><pre class="out"></pre>
    </form>
  </details>
</section>`;
}

const SCRIPT = `
document.querySelectorAll('form[data-method]').forEach(function (form) {
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var out = form.querySelector('.out');
    var key = document.getElementById('key').value;
    var headers = {};
    if (key) headers.authorization = 'Bearer ' + key;
    var init = { method: form.dataset.method.toUpperCase(), headers: headers };
    if (form.body && form.body.value) { headers['content-type'] = form.type.value; init.body = form.body.value; }
    out.textContent = '…';
    try {
      var res = await fetch(form.url.value, init);
      var text = await res.text();
      try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) {}
      out.textContent = res.status + ' ' + res.statusText + '\\n' + text;
    } catch (e) { out.textContent = String(e); }
  });
});`;

/** A self-contained API reference (no CDN): every route, its parameters and responses, error codes, a "try it" form. */
export function renderDocsPage(document: Record<string, unknown>): string {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  let index = 0;
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      index += 1;
      ops.push(operationHtml(method, path, op, index));
      toc.push(`<li><a href="#op-${index}"><span class="m ${method}">${method.toUpperCase()}</span> ${escape(path)}</a> ${escape(op.summary ?? '')}</li>`);
    }
  }
  const schemas = Object.entries(((document.components ?? {}) as { schemas?: Record<string, object> }).schemas ?? {})
    .map(([name, schema]) => schemaSection(name, schema))
    .join('\n');
  const codes = (Object.keys(ERROR_STATUS) as ErrorCode[])
    .map((code) => `<li id="${errorAnchor(code)}"><b>${code}</b> (${ERROR_STATUS[code]}) — ${escape(ERROR_HELP[code])}</li>`)
    .join('');
  const info = (document.info ?? {}) as { title?: string; version?: string; description?: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(info.title ?? 'API')} reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code{background:#f2f2f2;padding:0 .25rem;border-radius:3px}.op{border-top:1px solid #ddd;padding:.5rem 0}
.m{font:bold 12px monospace;padding:.15rem .4rem;border-radius:3px;color:#fff;background:#555}.m.get{background:#2a7}.m.post{background:#27a}.m.delete{background:#c33}
.d{color:#555}.errs{font-size:13px}.errs a{color:#a33;text-decoration:none;margin-right:.2rem}
table{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed}td,th{border-bottom:1px solid #eee;padding:.2rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th:nth-child(1){width:20%}th:nth-child(2){width:24%}th:nth-child(3){width:18%}
ul.toc{list-style:none;padding:0;columns:2}ul.toc a{text-decoration:none;color:#1a1a1a}pre.out{background:#f7f7f7;padding:.5rem;max-height:20rem;overflow:auto}h4{margin:.5rem 0 .2rem}</style></head>
<body><h1>${escape(info.title ?? 'API')} <small>${escape(info.version ?? '')}</small></h1>
<p>${escape(info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). API key for “Try it”: <input id="key" type="password" placeholder="optional in local mode"></p>
<ul class="toc">${toc.join('')}</ul>
<p><a href="#errors">Error codes</a> · <a href="#schemas">Schemas</a> (<a href="#schema-TrainingSpec">TrainingSpec</a>, <a href="#schema-Job">Job</a>, <a href="#schema-EpochMetrics">EpochMetrics</a>)</p>
<h2>Routes</h2>${ops.join('\n')}
<h2 id="errors">Errors</h2><p>Every 4xx/5xx is <code>application/problem+json</code> (RFC 9457) with <code>code</code>, <code>detail</code>, <code>requestId</code> and, for validation, <code>errors[]</code> with field paths.</p><ul>${codes}</ul>
<h2 id="schemas">Schemas</h2>${schemas}
<script>${SCRIPT}</script></body></html>`;
}
