// The code a stage really runs, found by following its imports from the entry modules: a cache
// key made from these files changes whenever any code that shapes the cached bytes changes, and a
// new import (a helper moved to another folder) is followed without anyone updating a list.
// Reads `src/*.ts` under tsx and `dist/*.js` in the built package; `import type` loads nothing and
// is not followed (the compiled package has no such imports either).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder this module's code tree starts at: `src/` (tsx) or `dist/` (compiled). */
export const CODE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// `import x from '…'`, `import '…'`, `export … from '…'` (not `import type` / `export type`), and
// `import('…')` with a literal specifier. Type names hold no quotes, so `[^;'"]*` spans braces.
const STATIC = /(?:^|[;\n}])\s*(?:import|export)(?!\s+type\s)(?:\s+[^;'"]*?\s+from)?\s*['"]([^'"\n]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** The relative specifiers a module's text imports (its code, not its types). */
export function importedSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const re of [STATIC, DYNAMIC]) {
    for (const m of text.matchAll(re)) if (m[1]!.startsWith('.')) found.push(m[1]!);
  }
  return found;
}

/** `./x.js` from `dir`: the `.js` file (compiled) or its `.ts` source (tsx). */
function resolveModule(dir: string, specifier: string): string | undefined {
  const path = resolve(dir, specifier);
  const candidates = [path, path.replace(/\.js$/, '.ts')];
  return candidates.find((c) => existsSync(c));
}

/** Every module reachable from `entries` (paths relative to `root`, with or without extension), sorted. */
export function moduleGraph(entries: readonly string[], root: string = CODE_ROOT): string[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const entry of entries) {
    const file = resolveModule(root, `./${entry.replace(/\.(ts|js)$/, '')}.js`);
    if (!file) throw new Error(`code graph: no module ${entry} under ${root}`);
    queue.push(file);
  }
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
      const next = resolveModule(dirname(file), specifier);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return [...seen].map((f) => relative(root, f).split('\\').join('/')).sort();
}

// Fingerprints by version, root and entries: the installed code does not change while a build runs.
const known = new Map<string, string>();

/**
 * A hash of `version`, the package file (its pinned dependencies) and every module reachable from
 * `entries`, names and bytes. Computed once per process for the real code tree.
 */
export function codeGraphFingerprint(version: string, entries: readonly string[], root: string = CODE_ROOT): string {
  const id = [version, root, ...entries].join('\u0000');
  const cached = known.get(id);
  if (cached) return cached;
  const hash = createHash('sha256').update(version);
  const pkg = join(root, '..', 'package.json');
  hash.update(existsSync(pkg) ? readFileSync(pkg) : 'no package.json');
  for (const name of moduleGraph(entries, root)) {
    const bytes = readFileSync(join(root, name));
    hash.update(`\u0000${name.replace(/\.ts$/, '.js')}\u0000${bytes.byteLength}\u0000`).update(bytes);
  }
  const digest = hash.digest('hex');
  if (root === CODE_ROOT) known.set(id, digest);
  return digest;
}
