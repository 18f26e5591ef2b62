// Finding each notebook's render entry: from the render cache where one holds for the notebook's
// links, else read, parsed, drawn and rendered in batches (this thread or workers) and stored.
// Used for the branches' tips and again for earlier versions of notebooks the tips cannot give.
import type { Diagnostic } from '../types.js';
import { settleHeap } from '../util/heap.js';
import { cacheKey, diagramRendererIds, findEntry, keyBase } from './entry-store.js';
import { renderStopped, type LinkSets, type NotebookEntry } from './entry-types.js';
import type { NotebookRef } from './read-sources.js';
import type { RenderJob } from './batch-renderer.js';
import type { Miss } from './render-batch.js';
import type { RenderPassOptions } from './render-pass.js';

/** One notebook version of one build, to be found in the cache or rendered. */
export interface Wanted {
  /** Index of the build, and of the notebook in it. */
  readonly build: number;
  readonly index: number;
  readonly ref: NotebookRef;
  readonly links: LinkSets;
}

/**
 * Each wanted notebook's entry, from the render cache where one holds for its links, else
 * rendered; `keep` is told each with the key it is stored under. Returns the notebooks rendered.
 */
export async function resolveEntries(
  wanted: readonly Wanted[],
  opts: RenderPassOptions,
  keep: (w: Wanted, entry: NotebookEntry, key: string) => void,
  siteDiagnostics: Diagnostic[],
): Promise<Set<NotebookRef>> {
  const base = keyBase(opts.config.render, opts.config.images?.webp === true);
  /** The stored entry for this notebook whose links hold here, if it can be reused. */
  const reusable = async (key: string, links: LinkSets) => {
    const hit = findEntry(opts.store, key, links);
    const fresh =
      hit.entry && (hit.entry.diagrams === undefined || hit.entry.diagrams === (await diagramRendererIds()));
    return { ...hit, entry: fresh ? hit.entry : undefined };
  };
  const misses: Miss[] = [];
  for (const w of wanted) {
    const key = cacheKey(base, w.ref.blob, w.ref.path);
    const hit = await reusable(key, w.links);
    if (hit.entry) {
      keep(w, hit.entry, hit.key);
      opts.progress.tick(`branch ${w.ref.branch}`);
    } else misses.push({ ...w, key, conflict: hit.conflict });
  }
  const { firsts, repeats } = firstCopies(misses);
  // A stopped notebook is not cached, and its copies in other branches would be stopped again,
  // each at the cost of the time limit: they take the first copy's entry instead.
  const stopped = new Map<string, NotebookEntry>();
  const keepMiss = (m: Miss, entry: NotebookEntry) => (
    keep(m, entry, m.key), renderStopped(entry) && stopped.set(m.key, entry)
  );
  if (firsts.length > 0) await renderMisses(firsts, keepMiss, opts, siteDiagnostics);
  const rendered = new Set(firsts.map((m) => m.ref));
  const stillMissing: Miss[] = [];
  for (const m of repeats) {
    const hit = stopped.has(m.key) ? { entry: stopped.get(m.key), key: m.key } : await reusable(m.key, m.links);
    if (hit.entry) {
      keep(m, hit.entry, hit.key);
      opts.progress.tick(`branch ${m.ref.branch}`);
    } else stillMissing.push(m);
  }
  if (stillMissing.length > 0) await renderMisses(stillMissing, keepMiss, opts, siteDiagnostics);
  for (const m of stillMissing) rendered.add(m.ref);
  return rendered;
}

/**
 * One blob at one path in several branches (a course copied to a new branch): the first copy
 * is rendered, and the others then reuse its entry where their links resolve the same way,
 * exactly as a later build would find it in the cache. Only copies whose links differ render.
 */
function firstCopies(misses: readonly Miss[]): { firsts: Miss[]; repeats: Miss[] } {
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
  return { firsts, repeats };
}

async function renderMisses(
  misses: readonly Miss[],
  keep: (miss: Miss, entry: NotebookEntry) => void,
  opts: RenderPassOptions,
  siteDiagnostics: Diagnostic[],
): Promise<void> {
  // The render processes load (≈1 s of CPU each) while the first batch is read, drawn and measured.
  opts.renderer.warm?.(misses.length);
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
      batch.forEach((m, j) => {
        keep(m, done[j] as NotebookEntry);
      });
      settleHeap();
    }
  } finally {
    await next?.catch(() => {});
    await closeBrowser();
  }
}
