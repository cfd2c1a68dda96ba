/** Renders OpenAPI 3.1 schemas as nested field tables (name, type, default, description). */

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  additionalProperties?: Schema | boolean;
}

export const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

/** A one-line type: `number > 0 ≤ 100`, `"adam" | "sgd"`, `HiddenLayer[]`, ... */
export function typeLabel(schema: Schema): string {
  if (schema.$ref !== undefined) return `<a href="#schema-${refName(schema.$ref)}">${refName(schema.$ref)}</a>`;
  if (schema.const !== undefined) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (schema.enum !== undefined) return schema.enum.map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined) {
    // a discriminated union: name its variants by their constant field
    const tags = union.map((variant) => Object.entries(variant.properties ?? {}).find(([, field]) => field.const !== undefined));
    if (tags.length > 1 && tags.every((tag) => tag !== undefined && tag[0] === tags[0]?.[0])) {
      return `object by <code>${escapeHtml(tags[0]?.[0] ?? '')}</code>: ${tags.map((tag) => `<code>${escapeHtml(JSON.stringify(tag?.[1].const))}</code>`).join(' | ')}`;
    }
    return union.map(typeLabel).join(' or ');
  }
  if (schema.type === 'array') return `${schema.items === undefined ? 'any' : typeLabel(schema.items)}[]`;
  const bounds = [
    schema.exclusiveMinimum === undefined ? '' : ` &gt; ${schema.exclusiveMinimum}`,
    schema.minimum === undefined ? '' : ` ≥ ${schema.minimum}`,
    schema.exclusiveMaximum === undefined ? '' : ` &lt; ${schema.exclusiveMaximum}`,
    schema.maximum === undefined ? '' : ` ≤ ${schema.maximum}`,
  ].join('');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return `${type}${bounds}`;
}

function objectVariant(schema: Schema): Schema | undefined {
  if (schema.properties !== undefined) return schema;
  return (schema.anyOf ?? schema.oneOf)?.find((variant) => variant.properties !== undefined);
}

/** The rows of a field table; nested objects get their own indented rows (depth-limited). */
export function fieldRows(schema: Schema, depth = 0, prefix = ''): string {
  const object = objectVariant(schema);
  if (object?.properties === undefined || depth > 3) return '';
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties)
    .map(([name, field]) => {
      const path = `${prefix}${name}`;
      const shown = field.default === undefined ? '' : JSON.stringify(field.default);
      // long object defaults are spelled out by the nested rows instead
      const defaultCell = shown === '' || shown.length > 40 ? '' : `<code>${escapeHtml(shown)}</code>`;
      const row = `<tr><td style="padding-left:${0.4 + depth * 1.2}rem"><code>${escapeHtml(name)}</code>${required.has(name) && field.default === undefined ? ' <b title="required">*</b>' : ''}</td><td>${typeLabel(field)}</td><td>${defaultCell}</td><td>${escapeHtml(field.description ?? '')}</td></tr>`;
      return row + fieldRows(field, depth + 1, `${path}.`);
    })
    .join('');
}

/** One schema component as a titled table. */
export function schemaSection(name: string, schema: Schema): string {
  const rows = fieldRows(schema);
  return `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${schema.description === undefined ? '' : `<p>${escapeHtml(schema.description)}</p>`}
${rows === '' ? `<p>${typeLabel(schema)}</p>` : `<table><thead><tr><th>field</th><th>type</th><th>default</th><th>description</th></tr></thead><tbody>${rows}</tbody></table>`}</section>`;
}
