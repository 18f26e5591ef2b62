// A pool of render threads: `size - 1` worker threads and the main thread itself, each taking the
// next job as it finishes one; workers are replaced by fresh ones every RECYCLE_AFTER jobs. The
// answers are the same entries the main thread would make alone (same inputs, same code), so the
// site is byte-identical. The main thread renders too, because while a batch renders it has
// nothing else to do: a 2-core machine renders on both cores instead of one.
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { RenderStore } from '../io/render-cache.js';
import { collectDiagrams } from '../diagrams/collect.js';
import { collectRasterImages } from '../diagrams/stage.js';
import { cellKeyBase, mainThreadRenderer, type BatchRenderer, type RenderJob } from '../pipeline/batch-renderer.js';
import type { LinkSets, NotebookEntry } from '../pipeline/render-unit.js';
import type { DiagramResult, ImageInfo } from '../render/types.js';
import type { FromWorker, JobMessage, WorkerSetup } from './messages.js';

interface Slot {
  worker: Worker;
  readonly links: Set<number>;
  busy: number;
  /** Jobs done by the current worker. */
  done: number;
}

/**
 * Jobs after which a worker is replaced by a fresh one. Rendering retains memory it never gives
 * back (≈1 MB per notebook with math, inside jsdom/DOMPurify as of jsdom 29): a fresh worker
 * keeps peak memory flat as the number of notebooks grows, for ≈0.5 s of start-up per round.
 */
const RECYCLE_AFTER = 150;

/** A worker running render-worker.js; from the TypeScript sources (tests), through tsx's loader. */
function startWorker(setup: WorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./render-worker.js', import.meta.url), { workerData: setup });
  const api = import.meta.resolve('tsx/esm/api');
  const file = new URL('./render-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** The lookup answers a job's notebook needs, as plain data for the worker. */
function answers(job: RenderJob): Pick<JobMessage, 'diagrams' | 'images'> {
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

/** `size` render threads: the main thread and `size - 1` workers. */
export function createWorkerRenderer(config: Config, store: RenderStore, size: number, cellReuse = true): BatchRenderer {
  const setup: WorkerSetup = { render: config.render, storeDir: store.dir, ...(cellReuse ? { cellBase: cellKeyBase(config) } : {}) };
  const main = mainThreadRenderer(config, store, cellReuse);
  const slots: Slot[] = Array.from({ length: Math.max(1, size - 1) }, () => ({ worker: startWorker(setup), links: new Set<number>(), busy: 0, done: 0 }));
  const linkIds = new Map<LinkSets, number>();
  const waiting = new Map<number, { resolve: (e: NotebookEntry) => void; reject: (e: Error) => void; slot: Slot }>();
  let seq = 0;
  const listen = (slot: Slot): void => {
    slot.worker.on('message', (m: FromWorker) => {
      const w = waiting.get(m.seq);
      if (!w) return;
      waiting.delete(m.seq);
      w.slot.busy--;
      w.slot.done++;
      if (m.type === 'done') w.resolve(m.entry);
      else w.reject(new Error(`a render worker failed: ${m.error}`));
    });
    slot.worker.on('error', (error) => {
      for (const [k, w] of waiting) if (w.slot === slot) (waiting.delete(k), w.reject(error));
    });
  };
  slots.forEach(listen);
  const recycle = (slot: Slot): void => {
    void slot.worker.terminate();
    slot.worker = startWorker(setup);
    slot.links.clear();
    slot.done = 0;
    listen(slot);
  };
  const send = (job: RenderJob, slot: Slot): Promise<NotebookEntry> => {
    let id = linkIds.get(job.links);
    if (id === undefined) linkIds.set(job.links, (id = linkIds.size));
    if (!slot.links.has(id)) {
      slot.worker.postMessage({ type: 'links', id, notebooks: [...job.links.notebooks], files: [...job.links.files] });
      slot.links.add(id);
    }
    const n = seq++;
    slot.busy++;
    const message: JobMessage = { type: 'job', seq: n, key: job.key, path: job.path, bytes: job.bytes, links: id, conflict: job.conflict === true, ...answers(job), extraDiagnostics: job.extraDiagnostics, ...(job.diagramIds !== undefined ? { diagramIds: job.diagramIds } : {}) };
    return new Promise((resolve, reject) => {
      waiting.set(n, { resolve, reject, slot });
      slot.worker.postMessage(message);
    });
  };
  return {
    async render(jobs, done) {
      let next = 0;
      const lane = async (slot: Slot): Promise<void> => {
        for (let i = next++; i < jobs.length; i = next++) {
          if (slot.done >= RECYCLE_AFTER && slot.busy === 0) recycle(slot);
          done(i, await send(jobs[i] as RenderJob, slot));
        }
      };
      const mainLane = async (): Promise<void> => {
        for (let i = next++; i < jobs.length; i = next++) {
          await main.render([jobs[i] as RenderJob], (_, entry) => done(i, entry));
          await new Promise((resolve) => setImmediate(resolve)); // let the workers' answers in
        }
      };
      // Two jobs in flight per worker: it starts the next while its answer waits for the main
      // thread to finish a job of its own.
      await Promise.all([...slots.flatMap((slot) => [lane(slot), lane(slot)]), mainLane()]);
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
