// Test helper: reads an nbformat 4 fixture into the pipeline's `Notebook` model (the real parser
// lives in src/notebook/; this covers only what the diagram tests need: sources and outputs).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cell, Notebook, Output } from '../../src/types.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');

type Json = Record<string, unknown>;
const text = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');

function toOutput(o: Json): Output {
  if (o.output_type === 'stream')
    return { type: 'stream', name: o.name === 'stderr' ? 'stderr' : 'stdout', text: text(o.text) };
  if (o.output_type === 'error')
    return { type: 'error', ename: text(o.ename), evalue: text(o.evalue), traceback: (o.traceback as string[]) ?? [] };
  const data: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries((o.data as Json) ?? {}))
    data[mime] = mime.endsWith('json') ? value : text(value);
  const type = o.output_type === 'execute_result' ? 'execute_result' : 'display_data';
  return { type, data, metadata: (o.metadata as Json) ?? {} };
}

function toCell(c: Json, index: number): Cell {
  const base = {
    id: typeof c.id === 'string' ? c.id : `cell-${index}`,
    source: text(c.source),
    metadata: (c.metadata as Json) ?? {},
    tags: [],
  };
  if (c.cell_type === 'code') {
    return {
      ...base,
      type: 'code',
      executionCount: (c.execution_count as number | null) ?? null,
      outputs: ((c.outputs as Json[]) ?? []).map(toOutput),
    };
  }
  if (c.cell_type === 'raw') return { ...base, type: 'raw', format: text((c.metadata as Json | undefined)?.format) };
  return { ...base, type: 'markdown', attachments: {} };
}

export function loadNotebook(name: string): Notebook {
  const raw = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Json;
  return {
    nbformat: Number(raw.nbformat),
    nbformatMinor: Number(raw.nbformat_minor),
    metadata: (raw.metadata as Json) ?? {},
    cells: ((raw.cells as Json[]) ?? []).map(toCell),
  };
}
