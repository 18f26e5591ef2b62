// Bokeh outputs: `show(fig)` after `output_notebook()` saves a display output marked
// `application/vnd.bokehjs_exec.v0+json` whose script (`application/javascript`, or a `<script>` in
// `text/html`) holds the document as JSON literals: `docs_json = {…}` and `render_items = […]`.
// They are read here as data, by a JSON parser, from the script's text; the script never runs.
// The document is drawn at build time (src/diagrams/bokeh.ts) and live on the page
// (templates/static/live-charts.js), both by the BokehJS the site serves itself.
import type { MimeBundle } from '../types.js';
import { jsonTextDeeperThan } from '../util/json-depth.js';
import { drawDiagram } from './diagram-html.js';
import type { DiagramTarget } from './diagram-html.js';
import { sanitizeHtml } from './sanitize.js';

export const BOKEH_EXEC_MIME = 'application/vnd.bokehjs_exec.v0+json';

/** The major version of Bokeh whose documents BokehJS 3 reads (2.x wrote another format). */
export const BOKEH_MAJOR = 3;

/** What the stage draws and the page embeds: the documents and which of their roots to show. */
export interface BokehSource {
  readonly docs_json: Readonly<Record<string, unknown>>;
  readonly render_items: readonly { readonly docid: string; readonly root_ids: readonly string[] }[];
}

export type BokehFound =
  | { readonly ok: true; readonly source: string; readonly version: string }
  | { readonly ok: false; readonly error: string };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) ? value.join('') : undefined;

/** The end (exclusive) of the JSON object or array that opens at `start`, skipping strings. */
function literalEnd(script: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < script.length; i++) {
    const c = script[i];
    if (c === '"') {
      for (i++; i < script.length && script[i] !== '"'; i++) if (script[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

/** The JSON value assigned to `name` in the script (`name = {…}` or `[…]`); a reason when there is none. */
function assigned(script: string, name: string): { value: unknown } | { error: string } {
  const at = new RegExp(`\\b${name}\\s*=\\s*(?=[[{])`).exec(script);
  if (!at) return { error: `its script assigns no JSON to ${name}` };
  const start = at.index + at[0].length;
  const end = literalEnd(script, start);
  if (end === undefined) return { error: `the JSON of ${name} does not end` };
  const literal = script.slice(start, end);
  if (jsonTextDeeperThan(literal)) return { error: `the JSON of ${name} nests too deep` };
  try {
    return { value: JSON.parse(literal) as unknown };
  } catch (error) {
    return { error: `the JSON of ${name} does not parse (${(error as Error).message})` };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The roots each render item shows: `root_ids` (Bokeh 2.3 and later), else the keys of `roots`. */
function renderItems(value: unknown, docs: Record<string, unknown>): BokehSource['render_items'] | string {
  if (!Array.isArray(value) || value.length === 0) return 'render_items is not a list of items';
  const items: { docid: string; root_ids: string[] }[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.docid !== 'string' || !Object.hasOwn(docs, item.docid))
      return 'a render item names no document of docs_json';
    const ids = Array.isArray(item.root_ids) ? item.root_ids : isObject(item.roots) ? Object.keys(item.roots) : [];
    if (ids.length === 0 || !ids.every((id) => typeof id === 'string')) return 'a render item names no root';
    items.push({ docid: item.docid, root_ids: ids as string[] });
  }
  return items;
}

/** The script that embeds the document: the JavaScript representation, or the script in the HTML. */
function embedScript(data: MimeBundle): string | undefined {
  const js = text(data['application/javascript']);
  if (js?.includes('docs_json')) return js;
  const htmlText = text(data['text/html']);
  return htmlText?.includes('docs_json') ? htmlText : js;
}

/** Bokeh's empty element a document is embedded into (`<div id=… data-root-id=…>`), alone in its output. */
const ROOT_PLACEHOLDER = /^\s*<div\b[^<>]*\sdata-root-id="[^"<>]*"[^<>]*>\s*<\/div>\s*$/;

/**
 * An output that is only the element `show()` embeds the plot into, from a separate display
 * call: it shows nothing in any notebook viewer but a live Jupyter, where the plot fills it.
 */
export function isBokehPlaceholder(data: MimeBundle): boolean {
  const keys = Object.keys(data);
  const htmlText = text(data['text/html']);
  return keys.length === 1 && htmlText !== undefined && ROOT_PLACEHOLDER.test(htmlText);
}

/**
 * The attributes BokehJS puts into the page as HTML, by model: a `Div`'s text (unless it asks to be
 * shown as text), a hover tool's tooltip template, a table cell template. They are sanitized here,
 * at build time, as widget state is; the page's Content-Security-Policy is the second wall. Other
 * strings (labels, data) are drawn on the canvas as text and stay as they are.
 */
const HTML_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  Div: ['text'],
  HoverTool: ['tooltips'],
  HTMLTemplateFormatter: ['template'],
};

/** `docs` with the HTML its models insert into the page sanitized (a copy; `docs` is not changed). */
function withSafeHtml(docs: unknown): unknown {
  if (Array.isArray(docs)) return docs.map(withSafeHtml);
  if (!isObject(docs)) return docs;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(docs)) out[key] = withSafeHtml(value);
  const names =
    typeof docs.name === 'string' && Object.hasOwn(HTML_ATTRIBUTES, docs.name) && HTML_ATTRIBUTES[docs.name];
  const attributes = out.attributes;
  if (!names || !isObject(attributes) || attributes.render_as_text === true) return out;
  for (const name of names) {
    const value = attributes[name];
    if (typeof value === 'string' && value.includes('<')) attributes[name] = sanitizeHtml(value);
  }
  return out;
}

/** The Bokeh document of a display output, `undefined` when it is not one; never runs its script. */
export function bokehDocument(data: MimeBundle): BokehFound | undefined {
  if (!Object.hasOwn(data, BOKEH_EXEC_MIME)) return undefined;
  const script = embedScript(data);
  if (script === undefined) return { ok: false, error: 'it has no script with the document' };
  const docs = assigned(script, 'docs_json');
  if ('error' in docs) return { ok: false, error: docs.error };
  if (!isObject(docs.value) || Object.keys(docs.value).length === 0)
    return { ok: false, error: 'docs_json holds no document' };
  const items = assigned(script, 'render_items');
  if ('error' in items) return { ok: false, error: items.error };
  const renderItemsValue = renderItems(items.value, docs.value);
  if (typeof renderItemsValue === 'string') return { ok: false, error: renderItemsValue };
  const versions = new Set(Object.values(docs.value).map((d) => (isObject(d) ? d.version : undefined)));
  const version = [...versions].find((v): v is string => typeof v === 'string') ?? 'an unknown version';
  const major = Number.parseInt(version, 10);
  if (!(major >= BOKEH_MAJOR))
    return {
      ok: false,
      error: `it was saved by Bokeh ${version}, whose documents BokehJS ${BOKEH_MAJOR}.x does not read (Bokeh ${BOKEH_MAJOR}.0 changed their format)`,
    };
  const safe = withSafeHtml(docs.value) as Record<string, unknown>;
  const source: BokehSource = { docs_json: safe, render_items: renderItemsValue };
  return { ok: true, source: JSON.stringify(source), version };
}

/**
 * A Bokeh output's figure: the drawn picture, and the document for the live plot. `undefined`
 * when the output is not Bokeh's, or has no picture (unreadable, not drawn, or failed: the stage
 * or this reports why): the output's other representations are shown then, as before.
 */
export function renderBokehOutput(data: MimeBundle, t: Omit<DiagramTarget, 'live'>): string | undefined {
  const found = bokehDocument(data);
  if (!found) return undefined;
  if (!found.ok) {
    t.sink.report({
      rule: 'bokeh-unreadable',
      severity: 'warning',
      ...(t.cell === undefined ? {} : { cell: t.cell }),
      message: `Bokeh plot could not be read: ${found.error}`,
      hint: `The page and feeds show the output as text in its place; run the notebook again with Bokeh ${BOKEH_MAJOR}.x to have it drawn.`,
    });
    return undefined;
  }
  return t.diagrams.get('bokeh', found.source)?.ok
    ? drawDiagram('bokeh', found.source, { ...t, live: true })
    : undefined;
}
