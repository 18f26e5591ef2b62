// Parsed nbformat 4 JSON → the normalized model of src/types.ts: multiline strings joined, MIME
// bundles with text joined and JSON MIME types kept as parsed JSON, cell ids kept when valid and
// unique (else `cell-{index}`), tags from cell-tags.ts. Lenient by design: whatever validate.ts
// reported is read with a default or skipped here, silently.
import type { Cell, JsonObject, MimeBundle, Notebook, Output } from '../types.js';
import { cellTags } from './cell-tags.js';
import { isJsonObject, isMultiline, joinMultiline, type JsonRecord } from './json-values.js';
import { notebookLanguage } from './language.js';
import { isValidCellId } from './validate.js';
import { JSON_MIME } from './validate-outputs.js';

/** A MIME bundle: JSON MIME types as they are, multiline text joined, anything else dropped. */
function normalizeBundle(value: unknown): MimeBundle {
  const out: Record<string, unknown> = {};
  if (!isJsonObject(value)) return out;
  for (const [mime, data] of Object.entries(value)) {
    if (mime === '__proto__') continue;
    if (JSON_MIME.test(mime)) out[mime] = data;
    else if (isMultiline(data)) out[mime] = joinMultiline(data);
  }
  return out;
}

function executionCount(value: unknown): number | null {
  return Number.isInteger(value) && (value as number) >= 0 ? (value as number) : null;
}

function objectOr(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function normalizeOutput(raw: unknown): Output | undefined {
  if (!isJsonObject(raw)) return undefined;
  switch (raw['output_type']) {
    case 'stream':
      return { type: 'stream', name: raw['name'] === 'stderr' ? 'stderr' : 'stdout', text: joinMultiline(raw['text']) };
    case 'display_data':
      return { type: 'display_data', data: normalizeBundle(raw['data']), metadata: objectOr(raw['metadata']) };
    case 'execute_result':
      return {
        type: 'execute_result',
        data: normalizeBundle(raw['data']),
        metadata: objectOr(raw['metadata']),
        executionCount: executionCount(raw['execution_count']),
      };
    case 'error': {
      const traceback = Array.isArray(raw['traceback'])
        ? raw['traceback'].filter((t): t is string => typeof t === 'string')
        : [];
      const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
      return { type: 'error', ename: text('ename'), evalue: text('evalue'), traceback };
    }
    default:
      return undefined;
  }
}

function attachments(value: unknown): Record<string, MimeBundle> {
  const out: Record<string, MimeBundle> = {};
  if (!isJsonObject(value)) return out;
  for (const [name, bundle] of Object.entries(value))
    if (name !== '__proto__' && isJsonObject(bundle)) out[name] = normalizeBundle(bundle);
  return out;
}

function rawFormat(metadata: JsonObject): string {
  for (const key of ['format', 'raw_mimetype']) {
    const value = metadata[key];
    if (typeof value === 'string') return value;
  }
  return '';
}

function normalizeCell(raw: JsonRecord, id: string, language: string): Cell | undefined {
  const metadata = objectOr(raw['metadata']);
  const type = raw['cell_type'];
  const { tags, source } = cellTags(joinMultiline(raw['source']), metadata, type === 'code' ? language : null);
  const base = { id, source, metadata, tags };
  if (type === 'markdown') return { type, ...base, attachments: attachments(raw['attachments']) };
  if (type === 'raw') return { type, ...base, format: rawFormat(metadata) };
  if (type !== 'code') return undefined;
  const outputs = Array.isArray(raw['outputs'])
    ? raw['outputs'].map(normalizeOutput).filter((o): o is Output => o !== undefined)
    : [];
  return { type, ...base, executionCount: executionCount(raw['execution_count']), outputs };
}

/** Ids per cell index: the cell's own when valid and first of its kind, else `cell-{index}`. */
function assignIds(cells: readonly unknown[]): string[] {
  const own = cells.map((c) => (isJsonObject(c) && isValidCellId(c['id']) ? c['id'] : undefined));
  const taken = new Set<string>();
  const keep = own.map((id) => (id !== undefined && !taken.has(id) ? (taken.add(id), true) : false));
  return own.map((id, i) => {
    if (keep[i] && id !== undefined) return id;
    let generated = `cell-${i}`;
    for (let n = 2; taken.has(generated); n++) generated = `cell-${i}-${n}`;
    taken.add(generated);
    return generated;
  });
}

/** A parsed nbformat 4 notebook (already upgraded if it was v3) as the normalized model. */
export function normalizeNotebook(raw: Readonly<Record<string, unknown>>): Notebook {
  const metadata = objectOr(raw['metadata']);
  const language = notebookLanguage(metadata);
  const rawCells = Array.isArray(raw['cells']) ? raw['cells'] : [];
  const ids = assignIds(rawCells);
  const cells: Cell[] = [];
  rawCells.forEach((c, i) => {
    const cell = isJsonObject(c) ? normalizeCell(c, ids[i] as string, language) : undefined;
    if (cell) cells.push(cell);
  });
  const minor = raw['nbformat_minor'];
  return { nbformat: 4, nbformatMinor: Number.isInteger(minor) ? (minor as number) : 0, metadata, cells };
}
