// The notebooks the fuzzer starts from: real ones (the project's fixtures, the demo course in
// content/, and any folder given, such as a shared corpus of published notebooks).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Json } from './mutant.js';

export interface SeedNotebook {
  /** Where it came from, relative to the project root when inside it. */
  readonly name: string;
  readonly nb: Json;
}

const ROOT = resolve(import.meta.dirname, '../../..');

/** The project's own notebooks: the real, hostile, media and diagram fixtures and the demo course. */
export const DEFAULT_SEED_DIRS: readonly string[] = [
  join(ROOT, 'test/fixtures/markdown/attachments.ipynb'),
  join(ROOT, 'test/fixtures/hostile'),
  join(ROOT, 'test/fixtures/media'),
  join(ROOT, 'test/fixtures/real'),
  join(ROOT, 'test/fixtures/diagrams'),
  join(ROOT, 'content'),
];

function notebooksUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return dir.endsWith('.ipynb') ? [dir] : [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => p.endsWith('.ipynb'))
    .sort()
    .map((p) => join(dir, p));
}

/** Every notebook under `dirs` that parses as JSON (the mutations make the broken ones). */
export function loadSeeds(dirs: readonly string[] = DEFAULT_SEED_DIRS): SeedNotebook[] {
  const seeds: SeedNotebook[] = [];
  for (const file of dirs.flatMap(notebooksUnder)) {
    try {
      const nb = JSON.parse(readFileSync(file, 'utf8')) as Json;
      const rel = relative(ROOT, file);
      seeds.push({ name: rel.startsWith('..') ? file : rel, nb });
    } catch {
      // not JSON: not a useful starting point
    }
  }
  return seeds;
}
