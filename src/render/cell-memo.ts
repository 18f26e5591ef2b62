// Cell-level reuse: a notebook that differs from one rendered before (another branch, an earlier
// commit) by a few cells renders only those cells. A cell's rendering is kept under a key naming
// everything its bytes depend on: the renderer and its options (`base`), the notebook's path and
// language, the cell itself (source, outputs' bytes and MIME types, attachments, tags, metadata)
// and its index, and the state of the notebook the cell reads — the title so far, the figures
// counted, what is left of the page's and the feeds' share of outputs, the heading texts slugged
// before it, the math macros in force. The record holds the cell's HTML and what it did to that
// state (headings, slugs, figures, assets, diagnostics, outputs cut for feeds, links and images
// asked about), replayed on a hit: the notebook comes out byte-identical to one rendered whole.
// Links and image sizes are checked against this build's answers before a record is used. A cell
// that asks for a diagram, shows a widget, defines math macros, fails, or makes a record over `MAX_RECORD` is
// rendered every time. Records live in the render cache (shared by the worker threads), never in
// memory.
import type { Cell, Diagnostic, Heading } from '../types.js';
import { sha256 } from '../util/hash.js';
import type { RenderScope } from './sink.js';
import { WIDGET_VIEW_MIME } from './widgets-state.js';
import type { ImageInfo, ImageLookup, RenderEnv, Slugger } from './types.js';

/** Where records and the bytes of their assets are kept. */
export interface CellStore {
  get(key: string): string | undefined;
  set(key: string, record: string): void;
  /** A stored asset's bytes by name; undefined when gone (the cell is then rendered again). */
  asset(name: string): Uint8Array | undefined;
  keepAsset(name: string, bytes: Uint8Array): void;
}

/** One render thread's cell cache, shared by the notebooks it renders. */
export interface CellMemo {
  readonly store: CellStore;
  /** Names the renderer's code and options: part of every key. */
  readonly base: string;
  /** Diagrams asked for so far on this thread (a cell that asks for one is not kept). */
  diagramAsks(): number;
  /** Cells rendered and reused on this thread so far. */
  readonly stats: { rendered: number; reused: number };
}

/** A record over this many characters is not kept: an output of megabytes renders fast, and would double the cache. */
const MAX_RECORD = 1_000_000;

type Place = { readonly index: number; readonly id: string; readonly size: number };

interface CellRecord {
  readonly html: string;
  readonly headings: readonly Heading[];
  readonly slugs: readonly string[];
  readonly title: string;
  readonly titleFixed: boolean;
  readonly figures: number;
  readonly feed?: {
    readonly left: number;
    readonly cell?: { readonly page: string; readonly feed: string };
    readonly huge: readonly Place[];
  };
  readonly page?: { readonly left: number; readonly cut: readonly Place[] };
  readonly assets: readonly (readonly [string, string])[];
  readonly diagnostics: readonly Omit<Diagnostic, 'branch' | 'path'>[];
  readonly urls: readonly (readonly [string, string | null])[];
  readonly images: readonly (readonly [string, string | null])[];
}

/** Macros in force, as text (KaTeX's tokens carry their source location: left out). */
function macrosText(scope: RenderScope): string | undefined {
  const { macros } = scope;
  if (Object.keys(macros).length === 0) return '';
  try {
    return JSON.stringify(macros, (k, v: unknown) => (k === 'loc' ? undefined : v));
  } catch {
    return undefined;
  }
}

function imageSignature(info: ImageInfo | undefined): string | null {
  return info
    ? JSON.stringify([
        info.width,
        info.height,
        info.webp?.name,
        info.display?.name,
        info.display?.width,
        info.display?.height,
      ])
    : null;
}

/** What a cell did, gathered while it renders. */
interface Recording {
  readonly slugs: string[];
  readonly assets: [string, string][];
  readonly bytes: Map<string, Uint8Array>;
  readonly diagnostics: Omit<Diagnostic, 'branch' | 'path'>[];
  readonly urls: Map<string, string | null>;
  readonly images: Map<string, string | null>;
}

/** The scope a cell renders in on a miss: the notebook's, with its lookups and slugger recorded. */
function recordingScope(scope: RenderScope, rec: Recording): RenderScope {
  const env: RenderEnv = {
    ...scope.env,
    urlFor: (target) => {
      const url = scope.env.urlFor(target);
      rec.urls.set(target, url ?? null);
      return url;
    },
  };
  const slugger: Slugger = { slug: (text) => (rec.slugs.push(text), scope.slugger.slug(text)) };
  const images: ImageLookup = {
    get: (hash) => {
      const info = scope.ctx.images.get(hash);
      rec.images.set(hash, imageSignature(info));
      return info;
    },
  };
  return { ...scope, env, slugger, ctx: { ...scope.ctx, images } };
}

/**
 * A cell with a widget view reads the notebook's saved widget state (whether the view is live, its
 * picture) and marks the models its page carries: it is rendered every time.
 */
function showsWidget(cell: Cell): boolean {
  return cell.type === 'code' && cell.outputs.some((o) => 'data' in o && WIDGET_VIEW_MIME in o.data);
}

/** Renders cells of one notebook through the memo; one per `renderNotebook` call. */
export function notebookCells(
  memo: CellMemo,
): (cell: Cell, index: number, scope: RenderScope, draw: (scope: RenderScope) => string) => string {
  const slugged: string[] = [];
  return (cell, index, scope, draw) => {
    const macros = macrosText(scope);
    if (macros === undefined || showsWidget(cell)) return (memo.stats.rendered++, draw(scope));
    const { env, feed, page } = scope;
    const state = [
      memo.base,
      env.branch,
      env.path,
      env.language,
      index,
      scope.title,
      scope.titleFixed,
      scope.figures,
      feed?.left ?? null,
      page ? [page.left, page.outputLimit, page.outputsLimit] : null,
      slugged,
      macros,
    ];
    const key = sha256(`${JSON.stringify(state)}\u0000${JSON.stringify(cell)}`);
    const stored = memo.store.get(key);
    const record = stored === undefined ? undefined : parseRecord(stored);
    if (record && replay(record, index, scope, memo.store, slugged)) return (memo.stats.reused++, record.html);
    memo.stats.rendered++;
    return renderAndKeep(memo, key, index, scope, draw, slugged, macros);
  };
}

function parseRecord(text: string): CellRecord | undefined {
  try {
    const r = JSON.parse(text) as CellRecord;
    return typeof r.html === 'string' && Array.isArray(r.assets) && Array.isArray(r.slugs) ? r : undefined;
  } catch {
    return undefined;
  }
}

function renderAndKeep(
  memo: CellMemo,
  key: string,
  index: number,
  scope: RenderScope,
  draw: (scope: RenderScope) => string,
  slugged: string[],
  macros: string,
): string {
  const rec: Recording = {
    slugs: [],
    assets: [],
    bytes: new Map(),
    diagnostics: [],
    urls: new Map(),
    images: new Map(),
  };
  const local = recordingScope(scope, rec);
  const headingsBefore = scope.headings.length;
  const asksBefore = memo.diagramAsks();
  scope.sink.watch({
    asset: (name, mime, bytes) => (rec.assets.push([name, mime]), rec.bytes.set(name, bytes)),
    report: (d) => rec.diagnostics.push(d),
  });
  let html: string;
  try {
    html = draw(local);
  } finally {
    scope.sink.watch(undefined);
  }
  scope.title = local.title;
  scope.titleFixed = local.titleFixed;
  scope.figures = local.figures;
  slugged.push(...rec.slugs);
  const failed = rec.diagnostics.some((d) => d.rule === 'render-cell-failed');
  if (failed || memo.diagramAsks() !== asksBefore || macrosText(scope) !== macros) return html;
  const { feed, page } = scope;
  const at = (p: Place) => p.index === index;
  const feedCell = feed?.cells.get(index);
  const record: CellRecord = {
    html,
    headings: scope.headings.slice(headingsBefore),
    slugs: rec.slugs,
    title: scope.title,
    titleFixed: scope.titleFixed,
    figures: scope.figures,
    ...(feed ? { feed: { left: feed.left, ...(feedCell ? { cell: feedCell } : {}), huge: feed.huge.filter(at) } } : {}),
    ...(page ? { page: { left: page.left, cut: page.cut.filter(at) } } : {}),
    assets: rec.assets,
    diagnostics: rec.diagnostics,
    urls: [...rec.urls],
    images: [...rec.images],
  };
  const text = JSON.stringify(record);
  if (text.length > MAX_RECORD) return html;
  for (const [name, bytes] of rec.bytes) memo.store.keepAsset(name, bytes);
  memo.store.set(key, text);
  return html;
}

/**
 * Applies a record to the notebook's state, when this build's links and image answers are the
 * ones it was made with and its assets are still stored; false (nothing changed) otherwise.
 */
function replay(r: CellRecord, index: number, scope: RenderScope, store: CellStore, slugged: string[]): boolean {
  if (r.images.some(([hash, sig]) => imageSignature(scope.ctx.images.get(hash)) !== sig)) return false;
  if (r.urls.some(([target, url]) => (scope.env.urlFor(target) ?? null) !== url)) return false;
  const bytes = r.assets.map(([name]) => store.asset(name));
  if (bytes.some((b) => b === undefined)) return false;
  r.assets.forEach(([, mime], i) => {
    scope.sink.addAsset(bytes[i] as Uint8Array, mime);
  });
  for (const d of r.diagnostics) scope.sink.report(d);
  scope.headings.push(...r.headings);
  for (const text of r.slugs) scope.slugger.slug(text);
  slugged.push(...r.slugs);
  scope.title = r.title;
  scope.titleFixed = r.titleFixed;
  scope.figures = r.figures;
  if (scope.feed && r.feed) {
    scope.feed.left = r.feed.left;
    if (r.feed.cell) scope.feed.cells.set(index, r.feed.cell);
    scope.feed.huge.push(...r.feed.huge);
  }
  if (scope.page && r.page) {
    scope.page.left = r.page.left;
    scope.page.cut.push(...r.page.cut);
  }
  return true;
}
