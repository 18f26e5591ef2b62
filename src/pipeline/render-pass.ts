// Pass 1 of the build: every notebook of every build, one at a time. A notebook whose cache entry
// is valid is not read, parsed or rendered; the others are read from git, parsed, have their
// diagrams drawn and images measured (per batch, so each distinct one is drawn once), rendered
// in render processes and stored. Only small per-notebook summaries stay in memory.
import type { Config } from '../config.js';
import type { Progress } from '../io/progress.js';
import type { RenderStore } from '../io/render-cache.js';
import type { Diagnostic } from '../types.js';
import { searchShare } from '../site/search-index.js';
import { uniqueDiagnostics } from '../diagnostic-list.js';
import { cardFor, cardProblem } from './social-images.js';
import { fallBackToEarlierVersions, olderVersionWarning, type TipFailure } from './earlier-versions.js';
import { diagnosticsFor, type LinkSets, type NotebookEntry } from './entry-types.js';
import type { LazyBuild, NotebookRef } from './read-sources.js';
import type { BatchRenderer } from './batch-renderer.js';
import { resolveEntries, type Wanted } from './render-entries.js';

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
  /**
   * Set when the notebook cannot be read at the branch's tip (blob `tipBlob`): `ref` is then its
   * last earlier version on the branch that can, whose commit is `ref.lastCommit`.
   */
  readonly fallback?: { readonly tipBlob: string };
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
  readonly diagramCache?: string;
  readonly imageCache?: string;
  readonly cardCache?: string;
  /** Notebooks parsed and drawn together (bounds memory; each distinct diagram is drawn once per batch). */
  readonly batchSize?: number;
}

/** Cells of the notebooks rendered: rendered, and reused from a cell rendered before (cell-memo.ts). */
export interface CellCounts {
  rendered: number;
  reused: number;
}

export interface RenderPassResult {
  readonly builds: readonly BuildSummary[];
  readonly counts: { readonly rendered: number; readonly cached: number; readonly skipped: number };
  readonly cells: CellCounts;
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
  const total = builds.reduce((n, b) => n + b.notebooks.length, 0);
  // Entries stay in memory until the site is written: keep only the search text the index will
  // hold (the cache keeps it whole), so memory does not grow with notebooks' text.
  const share = searchShare(total);
  opts.progress.phase('rendering notebooks', total);
  const entries: (Kept | undefined)[][] = builds.map((b) => new Array<undefined>(b.notebooks.length));
  const linkSets = builds.map((b) => ({
    notebooks: new Set(b.notebooks.map((n) => n.path)),
    files: new Set(b.files.map((f) => f.path)),
  }));
  const cells: CellCounts = { rendered: 0, reused: 0 };
  const keep = (w: Wanted, rendered: NotebookEntry, key: string) => {
    const { cells: made, ...entry } = rendered;
    cells.rendered += made?.rendered ?? 0;
    cells.reused += made?.reused ?? 0;
    (entries[w.build] as unknown[])[w.index] = {
      ref: w.ref,
      key,
      entry: { ...entry, search: '' },
      searchJson: searchJsonOf(entry.search, share),
    };
  };
  const wanted = builds.flatMap((b, bi) =>
    b.notebooks.map((ref, index): Wanted => ({ build: bi, index, ref, links: linkSets[bi] as LinkSets })),
  );
  const siteDiagnostics: Diagnostic[] = [];
  const rendered = await resolveEntries(wanted, opts, keep, siteDiagnostics);
  const unreadable = wanted.flatMap((w) => {
    const entry = entries[w.build]?.[w.index]?.entry;
    return entry && !entry.meta ? [{ wanted: w, entry }] : [];
  });
  const earlier = await fallBackToEarlierVersions(
    builds,
    unreadable,
    async (round) => {
      const found = new Map<NotebookRef, { entry: NotebookEntry; key: string }>();
      return {
        found,
        rendered: await resolveEntries(
          round,
          opts,
          (w, entry, key) => found.set(w.ref, { entry, key }),
          siteDiagnostics,
        ),
      };
    },
    opts.progress,
  );
  const tips = new Map<NotebookRef, TipFailure>();
  for (const f of earlier.chosen) {
    keep(f.version, f.entry, f.key);
    tips.set(f.version.ref, f.tip);
    if (earlier.rendered.has(f.version.ref)) rendered.add(f.version.ref);
  }
  const summaries = await summarize(builds, linkSets, entries, tips, opts);
  const counts = { rendered: 0, cached: 0, skipped: 0 };
  for (const s of summaries.flatMap((b) => b.notebooks)) {
    if (!s.entry.meta) counts.skipped++;
    else if (rendered.has(s.ref)) counts.rendered++;
    else counts.cached++;
  }
  return { builds: summaries, counts, cells, diagnostics: uniqueDiagnostics(siteDiagnostics) };
}

/** A notebook's entry as pass 1 keeps it: the version rendered, its key, and its search text cut. */
interface Kept {
  readonly ref: NotebookRef;
  readonly key: string;
  readonly entry: NotebookEntry;
  readonly searchJson: Uint8Array;
}

/**
 * Adds title cards (notebooks without a figure) and the branch to diagnostics; a notebook built
 * from an earlier version (`tips`: its unreadable tip, by the version's ref) says so.
 */
async function summarize(
  builds: readonly LazyBuild[],
  linkSets: readonly LinkSets[],
  entries: (Kept | undefined)[][],
  tips: ReadonlyMap<NotebookRef, TipFailure>,
  opts: RenderPassOptions,
): Promise<BuildSummary[]> {
  const out: BuildSummary[] = [];
  for (const [bi, b] of builds.entries()) {
    const notebooks: NotebookSummary[] = [];
    for (const [i, listed] of b.notebooks.entries()) {
      const kept = entries[bi]?.[i];
      if (!kept) throw new Error(`internal: no render result for ${b.branch.name} ${listed.path}`);
      let entry = kept.entry;
      if (entry.meta && !entry.firstImage) {
        const card = await cardFor(entry.meta.title, b.branch.name, opts.store, opts.cardCache);
        entry =
          'error' in card
            ? { ...entry, diagnostics: [...entry.diagnostics, cardProblem(kept.ref.path, card.error)] }
            : { ...entry, firstImage: card.name, assets: [...entry.assets, card] };
      }
      const tip = tips.get(kept.ref);
      const diagnostics = diagnosticsFor(entry, b.branch.name);
      const summary = { ref: kept.ref, key: kept.key, entry, searchJson: kept.searchJson, diagnostics };
      notebooks.push(
        tip
          ? {
              ...summary,
              fallback: { tipBlob: tip.blob },
              diagnostics: [olderVersionWarning(kept.ref, tip), ...diagnostics],
            }
          : summary,
      );
    }
    out.push({ build: b, links: linkSets[bi] as LinkSets, notebooks });
  }
  return out;
}
