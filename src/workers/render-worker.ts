// A render process (started by src/workers/pool.ts through src/diagrams/guard.ts): its own render
// context (shiki, Marked, KaTeX, the sanitizer), loaded before it says it is ready, then one
// notebook at a time: parse the bytes, render with the lookup answers the build sent, store the
// result in the shared render store, and answer with the entry. It says which cell it is on, so a
// notebook stopped by a limit is reported with its cell.
import { openRenderStore } from '../io/render-cache.js';
import { serveJobs } from '../diagrams/guard-serve.js';
import { renderJob } from '../pipeline/batch-renderer.js';
import type { NotebookEntry } from '../pipeline/entry-types.js';
import { parseUnit, switchableLookups, type LinkSets } from '../pipeline/render-unit.js';
import { createRenderContext } from '../render/context.js';
import type { DiagramResult, ImageInfo } from '../render/types.js';
import { settleHeap } from '../util/heap.js';
import type { CellProgress, RenderTask, WorkerSetup } from './messages.js';

const setup = JSON.parse(process.argv[2] ?? '{}') as WorkerSetup;
const store = openRenderStore(setup.storeDir);
const lookups = switchableLookups();
let report: (cell: CellProgress) => void = () => {};
const ctx = { ...(await createRenderContext(setup.render, { diagrams: lookups.diagrams, images: lookups.images })), onCell: (cell: number | undefined) => report(cell ?? null) };
let links: { id: number; sets: LinkSets } | undefined;

/** Tests only: a notebook at this path never finishes rendering (no real input is known to hang). */
const HANG = process.env.BINDERPRESS_TEST_RENDER_HANG;

serveJobs<RenderTask, NotebookEntry>(async (task, progress) => {
  report = progress;
  if (links?.id !== task.links.id) links = { id: task.links.id, sets: { notebooks: new Set(task.links.notebooks), files: new Set(task.links.files) } };
  const diagrams = new Map<string, DiagramResult>(task.diagrams.map(([k, s, r]) => [`${k}\u0000${s}`, r]));
  const images = new Map<string, ImageInfo>(task.images);
  const job = {
    key: task.key,
    path: task.path,
    parsed: parseUnit(task.path, task.bytes),
    links: links.sets,
    diagrams: { get: (kind: string, source: string) => diagrams.get(`${kind}\u0000${source}`) },
    images: { get: (hash: string) => images.get(hash) },
    extraDiagnostics: task.extraDiagnostics,
    conflict: task.conflict,
    ...(task.diagramIds !== undefined ? { diagramIds: task.diagramIds } : {}),
  };
  const hang = HANG !== undefined && HANG === task.path;
  const entry = renderJob(job, hang ? { ...ctx, onCell: (cell) => (ctx.onCell(cell), cell === 1 && hangForever()) } : ctx, lookups, store);
  setTimeout(settleHeap, 0); // after the answer has left
  return entry;
});

function hangForever(): never {
  for (;;);
}
