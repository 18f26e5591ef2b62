// One notebook from bytes to a cache entry: parse, read metadata, render with recording lookups,
// and keep what the site needs later (metadata, headings, search text, asset names, diagnostics)
// apart from the HTML, which is stored on its own. It runs in the render processes
// (src/workers/), each giving the same bytes. No file system here: the caller stores the result.
import { findImports, writtenModules } from '../source/environment.js';
import { extractMetadata } from '../notebook/metadata.js';
import { parseNotebook } from '../notebook/parse.js';
import { renderNotebook } from '../render/notebook.js';
import type { DiagramLookup, ImageLookup, RenderContext, RenderEnv } from '../render/types.js';
import { pageSearchText } from '../site/search-index.js';
import { titleHeading } from '../site/title-heading.js';
import { notebookPagePath, relativeUrl } from '../site/paths.js';
import type { Diagnostic, Heading, Notebook, NotebookMeta } from '../types.js';
import { sha256 } from '../util/hash.js';
import { executionNote } from '../execute/note.js';
import {
  answerFor,
  BRANCH_TOKEN,
  type LinkAnswer,
  type LinkSets,
  type NotebookEntry,
  type UnitResult,
} from './entry-types.js';

export type { LinkAnswer, LinkSets, NotebookEntry, UnitResult } from './entry-types.js';

/** Lookups whose answers are swapped per notebook (the context is made once per thread). */
export interface SwitchableLookups {
  readonly diagrams: DiagramLookup;
  readonly images: ImageLookup;
  use(diagrams: DiagramLookup, images: ImageLookup): void;
  /** True when a diagram was asked for and not known since the last `use`. */
  missed(): boolean;
  /** True when any diagram was asked for since the last `use`. */
  asked(): boolean;
  /** Diagrams asked for since the lookups were made. */
  asks(): number;
}

export function switchableLookups(): SwitchableLookups {
  let diagrams: DiagramLookup = { get: () => undefined };
  let images: ImageLookup = { get: () => undefined };
  let missed = false;
  let asked = false;
  let asks = 0;
  return {
    diagrams: {
      get: (kind, source) => {
        asked = true;
        asks++;
        const found = diagrams.get(kind, source);
        if (!found) missed = true;
        return found;
      },
    },
    images: { get: (hash) => images.get(hash) },
    use(d, i) {
      diagrams = d;
      images = i;
      missed = false;
      asked = false;
    },
    missed: () => missed,
    asked: () => asked,
    asks: () => asks,
  };
}

export interface ParsedUnit {
  readonly notebook?: Notebook;
  readonly meta?: NotebookMeta;
  readonly diagnostics: Diagnostic[];
}

/** Parses bytes and reads metadata, with `BRANCH_TOKEN` as the branch. */
export function parseUnit(path: string, bytes: Uint8Array): ParsedUnit {
  const branch = BRANCH_TOKEN;
  const parsed = parseNotebook({ branch, path, bytes });
  if (!parsed.notebook) return { diagnostics: parsed.diagnostics };
  const { meta, notebook, diagnostics } = extractMetadata(parsed.notebook, path, branch);
  return { notebook, meta, diagnostics: [...parsed.diagnostics, ...diagnostics] };
}

function recordingEnv(path: string, language: string, links: LinkSets, seen: Map<string, LinkAnswer>): RenderEnv {
  const pagePath = notebookPagePath(path);
  return {
    branch: BRANCH_TOKEN,
    path,
    language,
    urlFor: (target) => {
      const answer = answerFor(links, target);
      seen.set(target, answer);
      if (answer === 'n') return relativeUrl(pagePath, notebookPagePath(target));
      if (answer === 'f') return relativeUrl(pagePath, target);
      return undefined;
    },
    assetUrl: (name) => relativeUrl(pagePath, `_assets/${name}`),
  };
}

/**
 * The search text of the page, from the feeds' copy of the notebook when it has one: a huge output
 * then gives its first lines, where the page's megabytes would fill the index's share of the page
 * (the cells after it unsearchable) and take several copies of themselves in memory to turn into text.
 */
function searchText(meta: NotebookMeta, headings: readonly Heading[], html: string): string {
  return pageSearchText({ tags: meta.tags, headings, html });
}

/** What the notebook imports from its environment: not the modules it writes itself (`%%writefile`). */
function importsOf(nb: Notebook): string[] {
  const code = nb.cells.filter((c) => c.type === 'code');
  const written = new Set(code.flatMap((c) => writtenModules(c.source)));
  const found = code.flatMap((c) => (!/^\s*%%(?!python|capture|time)/.test(c.source) ? findImports(c.source) : []));
  return [...new Set(found)].filter((name) => !written.has(name)).sort();
}

/** Renders a parsed notebook (from `parseUnit`); lookups must already be switched to its answers. */
export function renderUnit(
  path: string,
  parsed: ParsedUnit,
  links: LinkSets,
  ctx: RenderContext,
  lookups: SwitchableLookups,
  diagramIds: string | undefined,
): UnitResult {
  if (!parsed.notebook || !parsed.meta) {
    const entry: NotebookEntry = {
      v: 1,
      headings: [],
      assets: [],
      diagnostics: parsed.diagnostics,
      imports: [],
      search: '',
      links: [],
      htmlHash: sha256(''),
    };
    return { entry, html: '', assets: [], cacheable: true };
  }
  const seen = new Map<string, LinkAnswer>();
  const whole = renderNotebook(parsed.notebook, recordingEnv(path, parsed.meta.language, links, seen), ctx);
  const note = executionNote(parsed.notebook.metadata);
  // The heading the page header stands in for is cut here, once: pages, feeds and search use the rest.
  const meta = parsed.meta;
  const body = (html: string) => titleHeading(html, whole.headings, meta.title).html + note;
  const rendered = {
    ...whole,
    html: body(whole.html),
    ...(whole.feedHtml === undefined ? {} : { feedHtml: body(whole.feedHtml) }),
  };
  const entry: NotebookEntry = {
    v: 1,
    meta: parsed.meta,
    headings: rendered.headings,
    ...(rendered.firstImage ? { firstImage: rendered.firstImage } : {}),
    ...(rendered.scripts ? { scripts: rendered.scripts } : {}),
    assets: rendered.assets.map((a) => ({ name: a.name, mime: a.mime })),
    diagnostics: [...parsed.diagnostics, ...rendered.diagnostics],
    imports: importsOf(parsed.notebook),
    search: searchText(parsed.meta, rendered.headings, rendered.feedHtml ?? rendered.html),
    links: [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    htmlHash: sha256(rendered.html),
    ...(rendered.feedHtml === undefined ? {} : { feedHtmlHash: sha256(rendered.feedHtml) }),
    ...(lookups.asked() && diagramIds !== undefined ? { diagrams: diagramIds } : {}),
  };
  const cacheable = !lookups.missed() && (!lookups.asked() || diagramIds !== undefined);
  return {
    entry,
    html: rendered.html,
    ...(rendered.feedHtml === undefined ? {} : { feedHtml: rendered.feedHtml }),
    assets: rendered.assets,
    cacheable,
  };
}
