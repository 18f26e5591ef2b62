// What a notebook's Python code imports, and which of those imports its Binder environment does
// not install. Heuristic by nature: it reads lines, not a Python syntax tree.
import type { EnvironmentInfo } from './environment.js';
import { PYTHON_STDLIB } from './python-stdlib.js';
import { BASE_ENVIRONMENT, IMPLIED, IMPORT_PROVIDERS, normalizeName } from './python-packages.js';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/** A table entry, never an inherited property (`constructor`, `toString`). */
function entry(table: Readonly<Record<string, readonly string[]>>, key: string): readonly string[] {
  return Object.hasOwn(table, key) ? (table[key] as readonly string[]) : [];
}

function topLevel(dotted: string): string | undefined {
  return IDENT.exec(dotted.trim())?.[0];
}

/** Statements of one line: `a; b` splits, comments and IPython `%`/`!` lines drop out. */
function statements(code: string): string[] {
  const out: string[] = [];
  for (const raw of code.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line || line.startsWith('%') || line.startsWith('!')) continue;
    out.push(...line.split(';').map((s) => s.trim()));
  }
  return out;
}

/**
 * Top-level module names imported by Python code (`import x`, `import x.y as z, w`,
 * `from x.y import z`), in order of first appearance. Relative imports are left out.
 */
export function findImports(code: string): string[] {
  const found = new Set<string>();
  for (const statement of statements(code)) {
    const from = /^from\s+(\S+)\s+import\b/.exec(statement);
    if (from) {
      const module = from[1] as string;
      const name = module.startsWith('.') ? undefined : topLevel(module);
      if (name) found.add(name);
      continue;
    }
    const plain = /^import\s+(.+)$/.exec(statement);
    if (!plain) continue;
    for (const part of (plain[1] as string).replace(/[()]/g, '').split(',')) {
      const name = topLevel(part.trim().split(/\s+/)[0] ?? '');
      if (name) found.add(name);
    }
  }
  return [...found];
}

/**
 * Modules a cell writes as a file (`%%writefile [-a] helper.py`, `%%file pkg/__init__.py`): the
 * notebook imports them later, and they come from the notebook, not from the environment.
 */
export function writtenModules(code: string): string[] {
  const m = /^\s*%%(?:writefile|file)\s+(?:-a\s+|--append\s+)?(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(code);
  const path = m?.[1] ?? m?.[2] ?? m?.[3];
  if (!path) return [];
  const segments = path.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  const file = segments.pop() ?? '';
  const name = file === '__init__.py' ? segments.pop() : file.endsWith('.py') ? file.slice(0, -3) : undefined;
  return name && IDENT.exec(name)?.[0] === name ? [name] : [];
}

/** Every normalized distribution the environment installs, with what those pull in. */
function installedDistributions(env: EnvironmentInfo): Set<string> {
  const installed = new Set<string>();
  const queue = [...BASE_ENVIRONMENT, ...env.packages].map(normalizeName);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (installed.has(name)) continue;
    installed.add(name);
    for (const dep of entry(IMPLIED, name)) queue.push(normalizeName(dep));
  }
  return installed;
}

/**
 * The imports (top-level module names) that the environment does not install: not in the
 * standard library, not a module or folder of the repository, not provided by a listed package
 * or what it pulls in. Returns [] when nothing can be known: a Dockerfile or Nix environment,
 * no environment files at all, or files that install unnamed things (`-r`, setup.py, `pip install .`).
 */
export function missingImports(env: EnvironmentInfo, imports: readonly string[]): string[] {
  if (env.kind === 'dockerfile' || env.kind === 'nix' || env.files.length === 0 || !env.complete) return [];
  const installed = installedDistributions(env);
  const local = new Set(env.localModules);
  const missing: string[] = [];
  for (const name of new Set(imports)) {
    if (PYTHON_STDLIB.has(name) || local.has(name) || name === '__main__') continue;
    const providers = entry(IMPORT_PROVIDERS, name);
    const candidates = [name, ...providers].map(normalizeName);
    if (!candidates.some((candidate) => installed.has(candidate))) missing.push(name);
  }
  return missing;
}
