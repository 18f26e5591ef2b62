// Course order from a branch's `_toc.yml`: Jupyter Book v1 (`root`, `chapters`, `parts`,
// `sections`, entries `file` without extension, `glob`), Jupyter Book's older top-level list of
// entries, or a plain `toc:` list of paths. Pure: the file's bytes and the branch paths in,
// notebook paths in reading order out. Entries that name no notebook are reported, never thrown.
import type { Diagnostic, SourceFile } from '../types.js';
import { readYaml } from '../util/yaml.js';
import { naturalCompare } from './site-model.js';

export interface TocOrder {
  /** Notebook paths of the branch, in the order the table of contents lists them. */
  readonly order: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Walk {
  readonly notebooks: ReadonlySet<string>;
  /** The notebooks in natural order, sorted once: a toc may hold hundreds of globs. */
  sorted?: readonly string[];
  readonly paths: ReadonlySet<string>;
  readonly order: string[];
  /** `order` as a set: a glob may list thousands of notebooks, many times over. */
  readonly listed: Set<string>;
  readonly missing: string[];
}

const cleanPath = (p: string): string =>
  p
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/|\/)+/, '');

const GLOB_PARTS: Record<string, string> = { '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' };

/** Glob of Jupyter Book (`*` within a folder, `**` across folders) as a regular expression. */
function globPattern(glob: string): RegExp {
  const body = cleanPath(glob)
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => GLOB_PARTS[part] ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${body}(?:\\.ipynb)?$`);
}

function add(walk: Walk, path: string): void {
  if (walk.listed.has(path)) return;
  walk.listed.add(path);
  walk.order.push(path);
}

/** One `file:` value: `a/b` → `a/b.ipynb`; other documents (`.md`, `.rst`) are skipped quietly. */
function addFile(walk: Walk, file: string): void {
  const path = cleanPath(file);
  if (path === '') return;
  if (walk.notebooks.has(path)) {
    add(walk, path);
    return;
  }
  if (walk.notebooks.has(`${path}.ipynb`)) {
    add(walk, `${path}.ipynb`);
    return;
  }
  const other = /\.[A-Za-z0-9]+$/.test(path)
    ? walk.paths.has(path)
    : ['.md', '.rst', '.myst', '.txt'].some((ext) => walk.paths.has(path + ext));
  if (!other) walk.missing.push(file);
}

function addGlob(walk: Walk, glob: string): void {
  const re = globPattern(glob);
  walk.sorted ??= [...walk.notebooks].sort(naturalCompare);
  for (const path of walk.sorted) if (re.test(path)) add(walk, path);
}

const CHILD_KEYS = ['parts', 'chapters', 'sections', 'toc'] as const;

function visit(walk: Walk, node: unknown): void {
  if (typeof node === 'string') {
    addFile(walk, node);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) visit(walk, item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const entry = node as Record<string, unknown>;
  if (typeof entry['root'] === 'string') addFile(walk, entry['root']);
  if (typeof entry['file'] === 'string') addFile(walk, entry['file']);
  if (typeof entry['glob'] === 'string') addGlob(walk, entry['glob']);
  for (const key of CHILD_KEYS) if (key in entry) visit(walk, entry[key]);
}

function warning(branch: string, path: string, message: string, hint: string): Diagnostic {
  return { rule: 'toc-invalid', severity: 'warning', branch, path, message, hint };
}

/**
 * Reads the course order from a table of contents. `paths` are every path of the branch (to tell
 * a missing file from a Markdown chapter); notebooks the toc leaves out are not in `order` (the
 * site model puts them after the listed ones, by name).
 */
export function parseToc(text: string, paths: readonly string[], branch: string, tocPath = '_toc.yml'): TocOrder {
  // A finite tree of bounded depth: `visit` recurses over it.
  const read = readYaml(text, 50);
  if (!read.ok) {
    const what = read.limit
      ? `was not read (${read.reason})`
      : `is not valid YAML (${read.reason}${read.line === undefined ? '' : `, line ${read.line}`})`;
    const hint = read.limit
      ? 'list the chapters plainly: no alias that refers to an entry containing it, no deep nesting'
      : 'fix the YAML syntax of the file';
    return {
      order: [],
      diagnostics: [warning(branch, tocPath, `the table of contents ${what}; notebooks are in file-name order`, hint)],
    };
  }
  const data = read.value;
  const walk: Walk = {
    notebooks: new Set(paths.filter((p) => p.endsWith('.ipynb'))),
    paths: new Set(paths),
    order: [],
    listed: new Set(),
    missing: [],
  };
  visit(walk, data);
  const diagnostics: Diagnostic[] = walk.missing.map(
    (file) =>
      ({
        rule: 'toc-missing-file',
        severity: 'warning',
        branch,
        path: tocPath,
        message: `the table of contents lists \`${file}\`, which is not a notebook or document of this branch`,
        hint: 'correct the entry or add the file',
      }) satisfies Diagnostic,
  );
  if (walk.order.length === 0 && walk.missing.length === 0 && data !== null && data !== undefined) {
    diagnostics.push(
      warning(
        branch,
        tocPath,
        'the table of contents lists no notebook; notebooks are in file-name order',
        'list notebooks with `root:`, `chapters:` and `file:` entries (Jupyter Book) or a `toc:` list of paths',
      ),
    );
  }
  return { order: walk.order, diagnostics };
}

/** The order for a build: from its `_toc.yml` when it has one, else none (file-name order). */
export function orderFromToc(toc: SourceFile | undefined, paths: readonly string[], branch: string): TocOrder {
  if (!toc) return { order: [], diagnostics: [] };
  return parseToc(new TextDecoder().decode(toc.bytes), paths, branch, toc.path);
}
