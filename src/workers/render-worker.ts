// A render worker thread: its own render context (shiki, Marked, sanitizer), then jobs one at a
// time — parse the bytes, render with the lookup answers the build sent, store the result in the
// shared render store, and answer with the entry.
import { parentPort, workerData } from 'node:worker_threads';
import { openRenderStore } from '../io/render-cache.js';
import { contextWithCells, renderJob } from '../pipeline/batch-renderer.js';
import { parseUnit, switchableLookups, type LinkSets } from '../pipeline/render-unit.js';
import { settleHeap } from '../util/heap.js';
import type { DiagramResult, ImageInfo } from '../render/types.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';

const setup = workerData as WorkerSetup;
const store = openRenderStore(setup.storeDir);
const lookups = switchableLookups();
const ready = contextWithCells(setup.render, store, lookups, setup.cellBase);
const links = new Map<number, LinkSets>();
let queue: Promise<void> = Promise.resolve();

function post(message: FromWorker): void {
  parentPort?.postMessage(message);
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'links') {
    links.set(message.id, { notebooks: new Set(message.notebooks), files: new Set(message.files) });
    return;
  }
  queue = queue.then(async () => {
    try {
      const ctx = await ready;
      const diagrams = new Map<string, DiagramResult>(message.diagrams.map(([k, s, r]) => [`${k}\u0000${s}`, r]));
      const images = new Map<string, ImageInfo>(message.images);
      const entry = renderJob(
        {
          key: message.key,
          path: message.path,
          parsed: parseUnit(message.path, message.bytes),
          links: links.get(message.links) ?? { notebooks: new Set(), files: new Set() },
          diagrams: { get: (kind, source) => diagrams.get(`${kind}\u0000${source}`) },
          images: { get: (hash) => images.get(hash) },
          extraDiagnostics: message.extraDiagnostics,
          conflict: message.conflict,
          ...(message.diagramIds !== undefined ? { diagramIds: message.diagramIds } : {}),
        },
        ctx,
        lookups,
        store,
      );
      post({ type: 'done', seq: message.seq, entry });
      settleHeap();
    } catch (error) {
      post({ type: 'failed', seq: message.seq, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
});
