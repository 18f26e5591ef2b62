// A render process (started by src/workers/pool.ts through src/workers/guard.ts): its own render
// context (shiki, Marked, KaTeX, the sanitizer), loaded before it says it is ready, then one
// notebook at a time: parse the bytes, render with the lookup answers the build sent, store the
// result in the shared render store, and answer with the entry. It says which cell it is on, so a
// notebook stopped by a limit is reported with its cell.
import { openRenderStore, type RenderStore } from '../io/render-cache.js';
import { serveJobs } from './guard-serve.js';
import { contextWithCells, renderJob } from '../pipeline/batch-renderer.js';
import type { NotebookEntry } from '../pipeline/entry-types.js';
import {
  parseUnit,
  renderUnit,
  switchableLookups,
  type LinkSets,
  type SwitchableLookups,
} from '../pipeline/render-unit.js';
import type { DiagramResult, ImageInfo, RenderContext } from '../render/types.js';
import { settleHeap } from '../util/heap.js';
import type { CellProgress, RenderTask, WorkerSetup } from './messages.js';

const setup = JSON.parse(process.argv[2] ?? '{}') as WorkerSetup;
const store = openRenderStore(setup.storeDir);
const lookups = switchableLookups();
const ctx = await contextWithCells(setup.render, store, lookups, setup.cellBase);

/**
 * Markdown, math, code and an HTML output, rendered once before the process says it is ready, when
 * the build asks (`warmUp`: a build with many notebooks to render): the renderers load the rest of
 * themselves on first use (≈9 s for this notebook, first in a process on a loaded 2-core machine;
 * 0.1 s after), which would otherwise count against the first notebook's time limit. A small build
 * skips it and gives the first notebook more time instead (pool.ts, START_ALLOWANCE_MS).
 */
const WARM_UP = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
    language_info: { name: 'python' },
  },
  cells: [
    {
      cell_type: 'markdown',
      id: 'a',
      metadata: {},
      source: '# Warm-up\n\nSome *text*, $x^2$, [a link](b.ipynb) and <b>HTML</b>.\n\n```python\nprint(1)\n```',
    },
    {
      cell_type: 'code',
      id: 'b',
      metadata: {},
      execution_count: 1,
      source: 'import os\nprint(os.name)',
      outputs: [
        {
          output_type: 'display_data',
          metadata: {},
          data: { 'text/html': '<table><tr><td>1</td></tr></table>', 'text/plain': '1' },
        },
      ],
    },
  ],
});
lookups.use({ get: () => undefined }, { get: () => undefined });
if (setup.warmUp)
  renderUnit(
    'warm-up.ipynb',
    parseUnit('warm-up.ipynb', new TextEncoder().encode(WARM_UP)),
    { notebooks: new Set(), files: new Set() },
    ctx,
    lookups,
    undefined,
  );

/** Tests only: a notebook at this path never finishes rendering (no real input is known to hang). */
const HANG = process.env.BINDERPRESS_TEST_RENDER_HANG;

/**
 * Renders each task with the context, telling `progress` which cell it is on. The build sends a
 * batch's link sets with every task under one id: they are made into sets once an id.
 */
function renderTasks(
  context: RenderContext,
  switchable: SwitchableLookups,
  renderStore: RenderStore,
): (task: RenderTask, progress: (cell: CellProgress) => void) => Promise<NotebookEntry> {
  let links: { id: number; sets: LinkSets } | undefined;
  return async (task, progress) => {
    if (links?.id !== task.links.id)
      links = {
        id: task.links.id,
        sets: { notebooks: new Set(task.links.notebooks), files: new Set(task.links.files) },
      };
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
    const onCell = (cell: number | undefined): void => {
      progress(cell ?? null);
      if (hang && cell === 1) hangForever();
    };
    const entry = renderJob(job, { ...context, onCell }, switchable, renderStore);
    setTimeout(settleHeap, 0); // after the answer has left
    return entry;
  };
}

serveJobs<RenderTask, NotebookEntry>(renderTasks(ctx, lookups, store));

function hangForever(): never {
  for (;;);
}
