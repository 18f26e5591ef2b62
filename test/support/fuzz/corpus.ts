// The regression corpus: every crash the fuzzer found, as the smallest input that showed it.
// Inputs are written compactly: in a notebook, `{"$repeat": [item, n]}` stands for an array of n
// copies of item (`{i}` in its strings becomes the copy's index) and `{"$string": [text, n]}` for
// text repeated n times; `base64` holds bytes JSON cannot (invalid UTF-8).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from './mutant.js';

export interface Crasher {
  readonly name: string;
  /** The operator that found it: the bounded fuzz test replays it when that operator is on. */
  readonly operator: string;
  /** What the build did (hang, crash, stack trace …) and the command that found it. */
  readonly problem: string;
  readonly found: string;
  readonly branch?: string;
  readonly path: Buffer;
  readonly bytes: Buffer;
}

interface Entry {
  name: string;
  operator: string;
  problem: string;
  found: string;
  branch?: string;
  path: string;
  notebook?: Json;
  base64?: string;
}

function expand(value: Json, index?: number): Json {
  if (typeof value === 'string') return index === undefined ? value : value.replaceAll('{i}', String(index));
  if (Array.isArray(value)) return value.map((v) => expand(v, index));
  if (value === null || typeof value !== 'object') return value;
  const repeat = value.$repeat;
  if (Array.isArray(repeat)) return Array.from({ length: Number(repeat[1]) }, (_, i) => expand(repeat[0]!, i));
  const text = value.$string;
  if (Array.isArray(text)) return String(text[0]).repeat(Number(text[1]));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, index)]));
}

const CORPUS_FILE = join(import.meta.dirname, '../../fixtures/fuzz/crashers.json');

export function loadCrashers(file = CORPUS_FILE): Crasher[] {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Entry[];
  return entries.map((e) => ({
    name: e.name,
    operator: e.operator,
    problem: e.problem,
    found: e.found,
    ...(e.branch ? { branch: e.branch } : {}),
    path: Buffer.from(e.path),
    bytes:
      e.base64 !== undefined
        ? Buffer.from(e.base64, 'base64')
        : Buffer.from(JSON.stringify(expand(e.notebook ?? null))),
  }));
}
