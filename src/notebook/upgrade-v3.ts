// nbformat 3 → 4, as nbformat's `v4.convert.upgrade` does it, on plain JSON: worksheets flattened,
// `input` → `source`, `prompt_number` → `execution_count`, heading cells → markdown `#` lines,
// `pyout`/`pyerr` → `execute_result`/`error`, v3 output keys → MIME types. Differences from
// nbformat: cell ids are `cell-{index}` (not random) and `metadata.name` is kept as a title
// candidate. Malformed parts are passed through for the v4 validator to report.
import { isJsonObject, isMultiline, joinMultiline, type JsonRecord as Json } from './json-values.js';

const MIME_KEYS: Readonly<Record<string, string>> = {
  text: 'text/plain',
  html: 'text/html',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpeg: 'image/jpeg',
  latex: 'text/latex',
  json: 'application/json',
  javascript: 'application/javascript',
};

function toMimeKeys(bundle: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(bundle)) if (key !== '__proto__') out[MIME_KEYS[key] ?? key] = value;
  return out;
}

/** v3 stored `json` output as text (a string or lines); v4 keeps the parsed value. */
function parseJsonData(data: Json): Json {
  const value = data['application/json'];
  if (!isMultiline(value)) return data;
  try {
    return { ...data, 'application/json': JSON.parse(joinMultiline(value)) as unknown };
  } catch {
    return data;
  }
}

/** One v3 output as a v4 output. */
export function upgradeOutput(output: unknown): unknown {
  if (!isJsonObject(output)) return output;
  const { output_type: type, ...rest } = output;
  if (type === 'pyout' || type === 'display_data') {
    const { metadata, prompt_number: prompt, ...data } = rest;
    const upgraded: Json = { output_type: type === 'pyout' ? 'execute_result' : 'display_data' };
    if (type === 'pyout') upgraded['execution_count'] = prompt ?? null;
    upgraded['data'] = parseJsonData(toMimeKeys(data));
    upgraded['metadata'] = isJsonObject(metadata) ? toMimeKeys(metadata) : {};
    return upgraded;
  }
  if (type === 'pyerr') return { output_type: 'error', ...rest };
  if (type === 'stream') {
    const { stream, ...fields } = rest;
    return { output_type: 'stream', name: stream ?? 'stdout', ...fields };
  }
  return output;
}

/** One v3 cell as a v4 cell with id `cell-{index}`. */
export function upgradeCell(cell: unknown, index: number): unknown {
  if (!isJsonObject(cell)) return cell;
  const id = `cell-${index}`;
  const metadata: Json = isJsonObject(cell['metadata']) ? { ...cell['metadata'] } : {};
  const type = cell['cell_type'];
  if (type === 'code') {
    const { input, prompt_number: prompt, collapsed, outputs, ...rest } = cell;
    delete rest['language'];
    if (collapsed !== undefined) metadata['collapsed'] = collapsed;
    const upgraded = Array.isArray(outputs) ? outputs.map(upgradeOutput) : outputs;
    return { ...rest, id, metadata, source: input ?? '', execution_count: prompt ?? null, outputs: upgraded };
  }
  if (type === 'heading') {
    const { level, source, ...rest } = cell;
    const hashes = '#'.repeat(typeof level === 'number' && level >= 1 ? Math.min(Math.floor(level), 6) : 1);
    const line = joinMultiline(source).split(/\r?\n/).join(' ');
    return { ...rest, id, cell_type: 'markdown', metadata, source: `${hashes} ${line}` };
  }
  if (type === 'html') return { ...cell, id, cell_type: 'markdown', metadata };
  return { ...cell, id, metadata };
}

function upgradeMetadata(nb: Readonly<Json>): Json {
  const { signature: _signature, ...rest } = isJsonObject(nb['metadata']) ? nb['metadata'] : {};
  return { ...rest, orig_nbformat: nb['orig_nbformat'] || 3, orig_nbformat_minor: nb['orig_nbformat_minor'] || 0 };
}

/** A v3 notebook (parsed JSON) as a v4.5 notebook (plain JSON). */
export function upgradeV3(nb: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const {
    worksheets,
    metadata: _m,
    nbformat: _n,
    nbformat_minor: _nm,
    orig_nbformat: _o,
    orig_nbformat_minor: _om,
    ...rest
  } = nb;
  const sheets = Array.isArray(worksheets) ? worksheets : [];
  const cells: unknown[] = [];
  for (const ws of sheets) {
    if (!isJsonObject(ws) || !Array.isArray(ws['cells'])) continue;
    for (const cell of ws['cells']) cells.push(upgradeCell(cell, cells.length));
  }
  const meta = upgradeMetadata(nb);
  return { ...rest, metadata: meta, nbformat: 4, nbformat_minor: 5, cells };
}
