// The render processes: `size` of them, each taking the next notebook as it finishes one, each
// notebook under the render limits (src/workers/limits.ts). Markdown, KaTeX, shiki and
// DOMPurify/jsdom are third-party code fed untrusted input, so the build's own process never runs
// them: a notebook that takes longer than the time limit, fills the heap, crashes its process or
// throws is stopped there (src/workers/guard.ts kills the process; a fresh one takes the next
// notebook) and becomes one `render-timeout` or `render-failed` error, while the other notebooks
// render on. Each process renders one notebook at a time, so a stop never costs another one its
// work. The answers are the entries the same code makes anywhere, so the site is byte-identical.
import type { Config } from '../config.js';
import type { RenderStore } from '../io/render-cache.js';
import { collectDiagrams } from '../diagrams/collect.js';
import { createGuard, type Guard } from './guard.js';
import { collectRasterImages } from '../diagrams/stage.js';
import { cellKeyBase, type BatchRenderer, type RenderJob } from '../pipeline/batch-renderer.js';
import type { LinkSets, NotebookEntry } from '../pipeline/render-unit.js';
import type { DiagramResult, ImageInfo } from '../render/types.js';
import { renderLimits, type RenderLimits } from './limits.js';
import type { CellProgress, RenderTask, WorkerSetup } from './messages.js';
import { failedEntry } from './render-failure.js';

/**
 * Notebooks after which a process is replaced by a fresh one. Rendering retains memory it never
 * gives back (≈1 MB per notebook with math, inside jsdom/DOMPurify as of jsdom 29): a fresh
 * process keeps peak memory flat as the number of notebooks grows, for ≈0.5 s of start-up.
 */
const RECYCLE_AFTER = 150;

/** The render process's module: compiled, or the TypeScript source under tests (through tsx). */
function workerFile(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './render-worker.ts' : './render-worker.js', import.meta.url);
}

/** The lookup answers a job's notebook needs, as plain data for the render process. */
function answers(job: RenderJob): Pick<RenderTask, 'diagrams' | 'images'> {
  const diagrams: [string, string, DiagramResult][] = [];
  const images: [string, ImageInfo][] = [];
  if (job.parsed.notebook) {
    const seen = new Set<string>();
    for (const d of collectDiagrams(job.parsed.notebook)) {
      const key = `${d.kind}\u0000${d.source}`;
      const result = job.diagrams.get(d.kind, d.source);
      if (!seen.has(key) && result) diagrams.push([d.kind, d.source, result]);
      seen.add(key);
    }
    for (const r of collectRasterImages(job.parsed.notebook)) {
      const info = job.images.get(r.hash);
      if (info && !images.some(([h]) => h === r.hash)) images.push([r.hash, info]);
    }
  }
  return { diagrams, images };
}

/**
 * Notebooks per render process in a build's first batch: a process costs ≈0.8 s of CPU to start
 * (measured, 3 small notebooks: 2.5 s of CPU with one process, 3.3 s with two), more than a small
 * notebook takes to render, so a build of a few notebooks renders them in one.
 */
const NOTEBOOKS_PER_PROCESS = 8;

/**
 * Notebooks to render from which each process renders a warm-up notebook while the first batch is
 * read. It loads the renderers (jsdom, KaTeX, grammars: ≈2 s of CPU a process) before the first
 * real notebook, whose time limit would otherwise count that loading; a smaller build skips it,
 * loads only what its notebooks use (3 small notebooks: 2.5 s of CPU instead of 4.4 s), and gives
 * each process's first notebook START_ALLOWANCE_MS more for the loading.
 */
const WARM_UP_FROM = 24;

/** Loading the renderers on first use: ≈9 s as the first notebook of a process at load 19, 2 cores. */
export const START_ALLOWANCE_MS = 30_000;

/** Processes a render of `count` notebooks is worth, at most `size`. */
export const processesFor = (count: number, size: number): number =>
  Math.min(Math.max(1, size), Math.max(1, Math.ceil(count / NOTEBOOKS_PER_PROCESS)));

interface Lane {
  guard: Guard<RenderTask, NotebookEntry>;
  /** Notebooks rendered by the current process. */
  done: number;
  /** The current process rendered the warm-up notebook before it said it was ready. */
  warmedUp: boolean;
}

export interface RendererOptions {
  /** Under these limits (by default the documented ones, or the environment's). */
  readonly limits?: RenderLimits;
  /** `false` renders every cell (see render/cell-memo.ts); by default cells are reused. */
  readonly cellReuse?: boolean;
}

/** `size` render processes. */
export function createWorkerRenderer(
  config: Pick<Config, 'render' | 'images'>,
  store: RenderStore,
  size: number,
  options: RendererOptions = {},
): BatchRenderer & { readonly starts: number } {
  const limits = options.limits ?? renderLimits();
  const setup: WorkerSetup = {
    render: config.render,
    storeDir: store.dir,
    ...(options.cellReuse === false ? {} : { cellBase: cellKeyBase(config) }),
  };
  const open = (warmUp: boolean): Lane => ({
    guard: createGuard(workerFile(), {
      memoryMb: limits.memoryMb,
      name: 'the render process',
      args: [JSON.stringify({ ...setup, warmUp } satisfies WorkerSetup)],
    }),
    done: 0,
    warmedUp: warmUp,
  });
  /** Opened as the work needs them, up to `size`. */
  const lanes: Lane[] = [];
  let warmUp = false;
  const lanesFor = (count: number): Lane[] => {
    while (lanes.length < processesFor(count, size)) lanes.push(open(warmUp));
    return lanes;
  };
  let retired = 0;
  const linkIds = new Map<LinkSets, number>();
  const task = (job: RenderJob): RenderTask => {
    let id = linkIds.get(job.links);
    if (id === undefined) linkIds.set(job.links, (id = linkIds.size));
    const links = { id, notebooks: [...job.links.notebooks], files: [...job.links.files] };
    return {
      key: job.key,
      path: job.path,
      bytes: job.bytes,
      links,
      conflict: job.conflict === true,
      ...answers(job),
      extraDiagnostics: job.extraDiagnostics,
      ...(job.diagramIds !== undefined ? { diagramIds: job.diagramIds } : {}),
    };
  };
  const renderOne = async (lane: Lane, job: RenderJob): Promise<NotebookEntry> => {
    if (lane.done >= RECYCLE_AFTER) {
      retired += lane.guard.starts;
      void lane.guard.close();
      Object.assign(lane, open(lane.warmedUp));
    }
    let cell: CellProgress = null;
    // A process that did not warm up loads the renderers its first notebook uses while rendering it
    // (a process warmed by `warm` but not yet ready counts as fresh too: it may still be loading).
    const fresh = !lane.warmedUp && (lane.done === 0 || !lane.guard.running);
    const timeout = limits.timeoutMs + (fresh ? START_ALLOWANCE_MS : 0);
    const result = await lane.guard.run(task(job), timeout, (value) => (cell = value as CellProgress));
    lane.done = result.ok ? lane.done + 1 : 0;
    return result.ok ? result.value : failedEntry(job, result, cell, limits);
  };
  return {
    async render(jobs, done) {
      let next = 0;
      const lane = async (l: Lane): Promise<void> => {
        for (let i = next++; i < jobs.length; i = next++) done(i, await renderOne(l, jobs[i] as RenderJob));
      };
      await Promise.all(lanesFor(jobs.length).map(lane));
    },
    warm(count) {
      warmUp ||= count >= WARM_UP_FROM;
      for (const l of lanesFor(count)) l.guard.warm();
    },
    async close() {
      await Promise.all(lanes.map((l) => l.guard.close()));
    },
    /** Render processes started so far (a stopped one is replaced by a fresh one). */
    get starts() {
      return retired + lanes.reduce((n, l) => n + l.guard.starts, 0);
    },
  };
}
