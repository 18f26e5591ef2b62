// Pass 1 of the build: every notebook of every build, one at a time. A notebook whose cache entry
// is valid is not read, parsed or rendered; the others are read from git, parsed, have their
// diagrams drawn and images measured (per batch, so each distinct one is drawn once), rendered —
// on this thread or in workers — and stored. Only small per-notebook summaries stay in memory.
import type { Config } from '../config.js';
import type { Progress } from '../io/progress.js';
import type { RenderStore } from '../io/render-cache.js';
import type { Diagnostic } from '../types.js';
import { searchShare } from '../site/search-index.js';
import { settleHeap } from '../util/heap.js';
import { uniqueDiagnostics } from '../diagnostic-list.js';
import { cardFor } from './social-images.js';
import { cacheKey, diagramRendererIds, findEntry, keyBase } from './entry-store.js';
import { diagnosticsFor, type LinkSets, type NotebookEntry } from './entry-types.js';
import type { LazyBuild, NotebookRef } from './read-sources.js';
import type { BatchRenderer, RenderJob } from './batch-renderer.js';
import type { Miss } from './render-batch.js';

export interface NotebookSummary {
  readonly ref: NotebookRef;
  /** Cache key of the entry (forgotten when one of its records turns out damaged). */
  readonly key: string;
  /** The stored entry, but for its search text (`search` is empty: see `searchJson`). */
  readonly entry: NotebookEntry;
  /**
   * The entry's search text cut to this page's share of the index, as the JSON string the index
   * holds, in UTF-8: the index is written from these bytes.
   */
  readonly searchJson: Uint8Array;
  /** The entry's diagnostics for this branch. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface BuildSummary {
  readonly build: LazyBuild;
  readonly links: LinkSets;
  /** In the build's notebook order; those that could not be read have no `entry.meta`. */
  readonly notebooks: readonly NotebookSummary[];
}

export interface RenderPassOptions {
  readonly config: Config;
  readonly store: RenderStore;
  readonly renderer: BatchRenderer;
  readonly progress: Progress;
  /** Told how many notebooks must be rendered, before the first is (to choose threads or not). */
  readonly onMisses?: (count: number) => void;
  readonly diagramCache?: string;
  readonly imageCache?: string;
  readonly cardCache?: string;
  /** Notebooks parsed and drawn together (bounds memory; each distinct diagram is drawn once per batch). */
  readonly batchSize?: number;
}

export interface RenderPassResult {
  readonly builds: readonly BuildSummary[];
  readonly counts: { readonly rendered: number; readonly cached: number; readonly skipped: number };
  /** Site-wide problems (no browser for diagrams). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A page's search text cut to `share` characters, as the JSON string the search index holds, in
 * UTF-8: half the memory of a JS string once one character is outside Latin-1 (math is), and
 * written as it is. A cut that splits a surrogate pair ends in U+FFFD.
 */
export function searchJsonOf(text: string, share: number): Uint8Array {
  const cut = text.length > share ? Buffer.from(text.slice(0, share), 'utf8').toString('utf8') : text;
  // Copied out of Buffer's shared 8 kB pool: a kept slice would keep its whole slab alive.
  return new Uint8Array(Buffer.from(JSON.stringify(cut), 'utf8'));
}

export async function renderPass(builds: readonly LazyBuild[], opts: RenderPassOptions): Promise<RenderPassResult> {
  const base = keyBase(opts.config.render);
  const total = builds.reduce((n, b) => n + b.notebooks.length, 0);
  // Entries stay in memory until the site is written: keep only the search text the index will
  // hold (the cache keeps it whole), so memory does not grow with notebooks' text.
  const share = searchShare(total);
  opts.progress.phase('rendering notebooks', total);
  const entries: ({ entry: NotebookEntry; searchJson: Uint8Array } | undefined)[][] = builds.map((b) => new Array<undefined>(b.notebooks.length));
  const misses: Miss[] = [];
  const keys: string[][] = builds.map(() => []);
  const linkSets = builds.map((b) => ({ notebooks: new Set(b.notebooks.map((n) => n.path)), files: new Set(b.files.map((f) => f.path)) }));
  /** The stored entry for this notebook whose links hold here, if it can be reused. */
  const reusable = async (key: string, links: LinkSets) => {
    const hit = findEntry(opts.store, key, links);
    const fresh = hit.entry && (hit.entry.diagrams === undefined || hit.entry.diagrams === (await diagramRendererIds()));
    return { ...hit, entry: fresh ? hit.entry : undefined };
  };
  const keep = (m: { build: number; index: number }, entry: NotebookEntry) => ((entries[m.build] as unknown[])[m.index] = { entry: { ...entry, search: '' }, searchJson: searchJsonOf(entry.search, share) });
  for (const [bi, b] of builds.entries()) {
    const links = linkSets[bi] as LinkSets;
    for (const [i, ref] of b.notebooks.entries()) {
      const key = cacheKey(base, ref.blob, ref.path);
      const hit = await reusable(key, links);
      (keys[bi] as string[])[i] = hit.entry ? hit.key : key;
      if (hit.entry) {
        keep({ build: bi, index: i }, hit.entry);
        opts.progress.tick(`branch ${b.branch.name}`);
      } else misses.push({ build: bi, index: i, ref, key, links, conflict: hit.conflict });
    }
  }
  // One blob at one path in several branches (a course copied to a new branch): the first copy
  // is rendered, and the others then reuse its entry where their links resolve the same way,
  // exactly as a later build would find it in the cache. Only copies whose links differ render.
  const perKey = new Map<string, number>();
  for (const m of misses) perKey.set(m.key, (perKey.get(m.key) ?? 0) + 1);
  const firsts: Miss[] = [];
  const repeats: Miss[] = [];
  const first = new Set<string>();
  for (const m of misses) {
    const marked = !m.conflict && (perKey.get(m.key) ?? 0) > 1 ? { ...m, conflict: true } : m; // one blob, several branches
    (first.has(m.key) ? repeats : firsts).push(marked);
    first.add(m.key);
  }
  const siteDiagnostics: Diagnostic[] = [];
  opts.onMisses?.(firsts.length);
  if (firsts.length > 0) await renderMisses(firsts, keep, opts, siteDiagnostics);
  const rendered = new Set(firsts.map((m) => m.ref));
  const stillMissing: Miss[] = [];
  for (const m of repeats) {
    const hit = await reusable(m.key, m.links);
    if (hit.entry) {
      keep(m, hit.entry);
      (keys[m.build] as string[])[m.index] = hit.key;
      opts.progress.tick(`branch ${m.ref.branch}`);
    } else stillMissing.push(m);
  }
  if (stillMissing.length > 0) await renderMisses(stillMissing, keep, opts, siteDiagnostics);
  for (const m of stillMissing) rendered.add(m.ref);
  const summaries = await summarize(builds, linkSets, entries, keys, opts);
  const counts = { rendered: 0, cached: 0, skipped: 0 };
  for (const s of summaries.flatMap((b) => b.notebooks)) {
    if (!s.entry.meta) counts.skipped++;
    else if (rendered.has(s.ref)) counts.rendered++;
    else counts.cached++;
  }
  return { builds: summaries, counts, diagnostics: uniqueDiagnostics(siteDiagnostics) };
}

async function renderMisses(misses: readonly Miss[], keep: (miss: Miss, entry: NotebookEntry) => void, opts: RenderPassOptions, siteDiagnostics: Diagnostic[]): Promise<void> {
  const { prepareBatch, renderPrepared, closeBrowser } = await import('./render-batch.js');
  // 16 at a time: a batch in flight holds about 2 MB a notebook (its bytes, parsed cells, images),
  // and two are in flight. At 1,000 notebooks, batches of 64 peaked at 470 MB and of 16 at 360 MB,
  // in the same time; 8 saved nothing more.
  const size = opts.batchSize ?? 16;
  const batches: Miss[][] = [];
  for (let start = 0; start < misses.length; start += size) batches.push(misses.slice(start, start + size));
  // The next batch is read, parsed, drawn and measured (git, the browser, sharp's threads) while
  // this one renders: image encoding and rendering share the cores instead of taking turns.
  let next = batches[0] ? prepareBatch(batches[0], opts, siteDiagnostics) : undefined;
  try {
    for (const [k, batch] of batches.entries()) {
      const jobs = await (next as Promise<RenderJob[]>);
      next = batches[k + 1] ? prepareBatch(batches[k + 1] as Miss[], opts, siteDiagnostics) : undefined;
      next?.catch(() => {}); // awaited next round; a failure there must not go unhandled meanwhile
      const done = await renderPrepared(batch, jobs, opts);
      batch.forEach((m, j) => keep(m, done[j] as NotebookEntry));
      settleHeap();
    }
  } finally {
    await next?.catch(() => {});
    await closeBrowser();
  }
}

/** Adds title cards (notebooks without a figure) and the branch to diagnostics. */
async function summarize(builds: readonly LazyBuild[], linkSets: readonly LinkSets[], entries: ({ entry: NotebookEntry; searchJson: Uint8Array } | undefined)[][], keys: string[][], opts: RenderPassOptions): Promise<BuildSummary[]> {
  const out: BuildSummary[] = [];
  for (const [bi, b] of builds.entries()) {
    const notebooks: NotebookSummary[] = [];
    for (const [i, ref] of b.notebooks.entries()) {
      const kept = entries[bi]?.[i];
      if (!kept) throw new Error(`internal: no render result for ${b.branch.name} ${ref.path}`);
      let entry = kept.entry;
      if (entry.meta && !entry.firstImage) {
        const card = await cardFor(entry.meta.title, b.branch.name, opts.store, opts.cardCache);
        entry = { ...entry, firstImage: card.name, assets: [...entry.assets, card] };
      }
      notebooks.push({ ref, key: keys[bi]?.[i] ?? '', entry, searchJson: kept.searchJson, diagnostics: diagnosticsFor(entry, b.branch.name) });
    }
    out.push({ build: b, links: linkSets[bi] as LinkSets, notebooks });
  }
  return out;
}

