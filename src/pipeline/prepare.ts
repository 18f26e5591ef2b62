// Stage 2 (pure): parse every notebook, read its metadata, and render it.
import { extractMetadata } from '../notebook/metadata.js';
import { parseNotebook } from '../notebook/parse.js';
import { renderNotebook } from '../render/notebook.js';
import type { RenderContext, RenderEnv } from '../render/types.js';
import { buildSlug, notebookPagePath, relativeUrl } from '../site/paths.js';
import type { Diagnostic, Notebook, NotebookMeta, SourceBuild, SourceNotebook } from '../types.js';

export interface ParsedNotebook {
  readonly source: SourceNotebook;
  readonly notebook: Notebook;
  readonly meta: NotebookMeta;
}

/** Parses one notebook; `undefined` (with diagnostics) when it cannot be read at all. */
export function parseOne(source: SourceNotebook, diagnostics: Diagnostic[]): ParsedNotebook | undefined {
  const parsed = parseNotebook({ branch: source.branch, path: source.path, bytes: source.bytes });
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.notebook) return undefined;
  const { meta, notebook, diagnostics: metaDiagnostics } = extractMetadata(parsed.notebook, source.path, source.branch);
  diagnostics.push(...metaDiagnostics);
  return { source, notebook, meta };
}

/** How a notebook of `build` points at other files of its branch and at its assets. */
const pathSets = new WeakMap<SourceBuild, { notebooks: Set<string>; files: Set<string> }>();

function pathsOf(build: SourceBuild): { notebooks: Set<string>; files: Set<string> } {
  let sets = pathSets.get(build);
  if (!sets) {
    sets = { notebooks: new Set(build.notebooks.map((n) => n.path)), files: new Set(build.files.map((f) => f.path)) };
    pathSets.set(build, sets);
  }
  return sets;
}

export function renderEnvFor(build: SourceBuild, nb: ParsedNotebook): RenderEnv {
  const slug = buildSlug(build.branch.name);
  const pagePath = `${slug}/${notebookPagePath(nb.source.path)}`;
  const { notebooks, files } = pathsOf(build);
  return {
    branch: build.branch.name,
    path: nb.source.path,
    language: nb.meta.language,
    urlFor: (target) => {
      if (notebooks.has(target)) return relativeUrl(pagePath, `${slug}/${notebookPagePath(target)}`);
      if (files.has(target)) return relativeUrl(pagePath, `${slug}/${target}`);
      return undefined;
    },
    assetUrl: (name) => relativeUrl(pagePath, `${slug}/_assets/${name}`),
  };
}

export function renderOne(build: SourceBuild, nb: ParsedNotebook, ctx: RenderContext) {
  return renderNotebook(nb.notebook, renderEnvFor(build, nb), ctx);
}
