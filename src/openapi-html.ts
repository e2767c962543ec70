/**
 * The API's reference page: the OpenAPI document rendered on the server as self-contained HTML (no scripts,
 * no CDN).
 */
import type { OpenApiDocument } from './openapi.js';

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Description text as HTML: escaped, and its Markdown inline code (`…`) set as <code>, as OpenAPI's CommonMark. */
const prose = (s: unknown) => esc(s).replace(/`([^`\n]+)`/g, '<code>$1</code>');

type Schema = Record<string, unknown>;

/**
 * The badge of an operation's `security`: none when it is open (no requirement, or `[]`), "optional" when one
 * alternative is the empty requirement `{}` (a read without a key sees public documents), else "required".
 */
function keyBadge(security: unknown): string {
  if (!Array.isArray(security) || security.length === 0) return '';
  const optional = security.some((r) => r && typeof r === 'object' && Object.keys(r).length === 0);
  return optional
    ? ' <span class="key key-optional" title="Works without a key; a key widens what it may read">API key optional</span>'
    : ' <span class="key key-required" title="Refused (401) without a valid key">API key required</span>';
}

/** A schema as a compact type expression with nested properties; $refs link to the component. */
function renderSchema(schema: Schema | undefined, depth = 0): string {
  if (!schema) return '<code>any</code>';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return `<a href="#schema-${esc(name)}"><code>${esc(name)}</code></a>`;
  }
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants) return variants.map((v) => renderSchema(v, depth)).join(' | ');
  if (schema.enum) return (schema.enum as unknown[]).map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  if (type.includes('array')) return `${renderSchema(schema.items as Schema, depth)}[]`;
  if (type.includes('object') && schema.properties && depth < 6) {
    const required = new Set((schema.required as string[]) ?? []);
    const rows = Object.entries(schema.properties as Record<string, Schema>).map(
      ([name, p]) =>
        `<li><code>${esc(name)}${required.has(name) ? '' : '?'}</code>: ${renderSchema(p, depth + 1)}${constraints(p)}` +
        `${p.description ? ` — ${prose(p.description)}` : ''}</li>`,
    );
    return `object<ul>${rows.join('')}</ul>`;
  }
  return `<code>${esc(type)}</code>${schema.format ? ` <small>(${esc(schema.format)})</small>` : ''}`;
}

function constraints(s: Schema): string {
  const parts: string[] = [];
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'default']) {
    // A pattern is shown as written (^\d{4}-…), not as a JSON string with its backslashes doubled.
    if (s[k] !== undefined) parts.push(`${k} ${k === 'pattern' ? String(s[k]) : JSON.stringify(s[k])}`);
  }
  return parts.length ? ` <small>(${esc(parts.join(', '))})</small>` : '';
}

/** What the document's API key scheme says, under the page's heading. */
function apiKeyNote(doc: OpenApiDocument): string {
  const scheme = (doc.components?.securitySchemes as Record<string, Schema> | undefined)?.apiKey;
  return scheme?.description ? `<p><b>API keys.</b> ${prose(scheme.description)}</p>` : '';
}

/** The reference page: every operation with parameters, bodies and responses, then every schema. */
export function renderDocsHtml(doc: OpenApiDocument): string {
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Schema>)) {
      const params = ((op.parameters as Schema[]) ?? []).map(
        (p) =>
          `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td>` +
          `<td>${renderSchema(p.schema as Schema)}${constraints((p.schema as Schema) ?? {})}</td></tr>`,
      );
      const body = op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined;
      const bodies = Object.entries(body?.content ?? {}).map(
        ([t, c]) => `<p><b>Body</b> <code>${esc(t)}</code>: ${renderSchema(c.schema)}</p>`,
      );
      const responses = Object.entries((op.responses as Record<string, Schema>) ?? {}).map(([status, r]) => {
        const content = r.content as Record<string, { schema: Schema }> | undefined;
        const shape = content
          ? Object.values(content)
              .map((c) => renderSchema(c.schema))
              .join(' ')
          : '';
        return `<li><b>${esc(status)}</b> ${prose(r.description)} ${shape}</li>`;
      });
      ops.push(
        `<section class="op" id="${esc(method + path)}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> ` +
          `<code>${esc(path)}</code>${keyBadge(op.security)}</h3>` +
          `<p>${prose(op.summary)}</p>${op.description ? `<p class="d">${prose(op.description)}</p>` : ''}` +
          (params.length
            ? `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${params.join('')}</table>`
            : '') +
          bodies.join('') +
          `<p><b>Responses</b></p><ul>${responses.join('')}</ul></section>`,
      );
    }
  }
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Schema>).map(
    ([name, s]) => `<section id="schema-${esc(name)}"><h3>${esc(name)}</h3>${renderSchema(s)}</section>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#222}
code{font:13px ui-monospace,monospace;background:#f3f3f3;padding:0 .2em}.op{border-top:1px solid #ddd;padding:.5rem 0}
.m{display:inline-block;min-width:4.5em;text-align:center;color:#fff;border-radius:3px;font-size:13px;padding:.1em .3em}
.get{background:#2b7a4b}.post{background:#245e9e}.delete{background:#a33}.key{font-size:12px;border-radius:3px;padding:0 .3em}
.key-required{color:#a33;border:1px solid #a33}.key-optional{color:#666;border:1px solid #bbb}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}.d{color:#555}ul{margin:.2em 0}</style>
</head><body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${prose(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Errors are <code>application/problem+json</code>.</p>
${apiKeyNote(doc)}
<h2>Operations</h2>${ops.join('\n')}<h2>Schemas</h2>${schemas.join('\n')}</body></html>`;
}
