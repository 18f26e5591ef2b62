// What an operator works on: one notebook as parsed JSON, its path in the branch, and byte-level
// edits applied after it is serialized (invalid UTF-8 and truncation cannot live in a JSON value).
import type { Rng } from '../prng.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Mutant {
  nb: Json;
  path: string;
  /** Edits of the serialized bytes, in order. */
  readonly post: ((bytes: Buffer, rng: Rng) => Buffer)[];
  /** Literal number texts JSON.stringify cannot write (1e309, -0, 1.0e-400): placeholder → text. */
  readonly raw: Map<string, string>;
}

export const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every (container, key) under `root`, breadth first, at most `limit` of them. */
export function slots(root: Json, limit = 5000): { parent: JsonObject | Json[]; key: string | number }[] {
  const found: { parent: JsonObject | Json[]; key: string | number }[] = [];
  const queue: Json[] = [root];
  for (let i = 0; i < queue.length && found.length < limit; i++) {
    const node = queue[i]!;
    if (Array.isArray(node))
      node.forEach((v, k) => {
        found.push({ parent: node, key: k });
        queue.push(v);
      });
    else if (isObject(node))
      for (const [k, v] of Object.entries(node)) {
        found.push({ parent: node, key: k });
        queue.push(v);
      }
  }
  return found.slice(0, limit);
}

export function setSlot(slot: { parent: JsonObject | Json[]; key: string | number }, value: Json): void {
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
}

/** The notebook's cells, made an array when a mutation took it away. */
export function cellsOf(m: Mutant): Json[] {
  if (!isObject(m.nb)) m.nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] };
  const nb = m.nb as JsonObject;
  if (!Array.isArray(nb.cells)) nb.cells = [];
  return nb.cells as Json[];
}

let ids = 0;
/** A cell of `type`: one the notebook has, or a new one inserted at a random place. */
export function cellOf(m: Mutant, rng: Rng, type: 'markdown' | 'code' | 'raw'): JsonObject {
  const cells = cellsOf(m);
  const existing = cells.filter((c): c is JsonObject => isObject(c) && c.cell_type === type);
  if (existing.length > 0 && rng.chance(0.7)) return rng.pick(existing);
  const cell: JsonObject = { cell_type: type, id: `fz-${(ids++).toString(36)}`, metadata: {}, source: '' };
  if (type === 'code') Object.assign(cell, { outputs: [], execution_count: 1 });
  cells.splice(rng.int(cells.length + 1), 0, cell);
  return cell;
}

/** Adds text to a cell's source, wherever in it, whatever shape the source has. */
export function addSource(cell: JsonObject, text: string, rng: Rng): void {
  const src = cell.source;
  const old =
    typeof src === 'string' ? src : Array.isArray(src) ? src.filter((s) => typeof s === 'string').join('') : '';
  const at = rng.chance(0.5) ? old.length : rng.int(old.length + 1);
  cell.source = `${old.slice(0, at)}${at > 0 ? '\n\n' : ''}${text}\n\n${old.slice(at)}`;
}

/** A code cell's output list, made an array when it was not. */
export function outputsOf(m: Mutant, rng: Rng): Json[] {
  const cell = cellOf(m, rng, 'code');
  if (!Array.isArray(cell.outputs)) cell.outputs = [];
  return cell.outputs as Json[];
}

/** Serializes a mutant to the bytes committed. */
export function serialize(m: Mutant, rng: Rng): Buffer {
  let text = JSON.stringify(m.nb, null, rng.chance(0.5) ? 1 : undefined) ?? 'null';
  for (const [placeholder, raw] of m.raw) text = text.split(JSON.stringify(placeholder)).join(raw);
  let bytes: Buffer = Buffer.from(text, 'utf8');
  for (const edit of m.post) bytes = edit(bytes, rng);
  return bytes;
}
