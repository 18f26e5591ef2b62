// The render processes with a real process per lane: a notebook that never finishes is stopped at
// the time limit, its process replaced, and the notebooks after it render in the fresh one; the
// entries are those the same notebooks give anywhere. The endless render is the test-only
// BINDERPRESS_TEST_RENDER_HANG (no real input is known to hang the renderers).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openRenderStore } from '../io/render-cache.js';
import type { RenderJob } from '../pipeline/batch-renderer.js';
import type { NotebookEntry } from '../pipeline/entry-types.js';
import { parseUnit } from '../pipeline/render-unit.js';
import { DEFAULT_RENDER_OPTIONS } from '../render/types.js';
import { md, notebookJson } from '../../test/support/git-repo.js';
import { sha256 } from '../util/hash.js';
import { createWorkerRenderer, processesFor } from './pool.js';

const links = { notebooks: new Set(['a.ipynb', 'hang.ipynb', 'b.ipynb']), files: new Set<string>() };
const job = (path: string, title: string): RenderJob => {
  const bytes = new TextEncoder().encode(notebookJson([md(`# ${title}`), md('Some *text*.'), md('More.')]));
  return {
    key: sha256(path),
    path,
    bytes,
    parsed: parseUnit(path, bytes),
    links,
    diagrams: { get: () => undefined },
    images: { get: () => undefined },
    extraDiagnostics: [],
  };
};

test('a notebook past the time limit: its process is stopped and replaced, the others render', async () => {
  const store = openRenderStore(undefined);
  process.env.BINDERPRESS_TEST_RENDER_HANG = 'hang.ipynb'; // read by the render processes as they start
  const renderer = createWorkerRenderer({ render: DEFAULT_RENDER_OPTIONS }, store, 1, {
    limits: { timeoutMs: 3000, memoryMb: 1024 },
  });
  try {
    const entries: NotebookEntry[] = [];
    await renderer.render(
      [job('a.ipynb', 'First'), job('hang.ipynb', 'Endless'), job('b.ipynb', 'Last')],
      (i, entry) => (entries[i] = entry),
    );
    assert.is(entries[0]?.meta?.title, 'First');
    assert.is(entries[2]?.meta?.title, 'Last');
    const stopped = entries[1] as NotebookEntry;
    assert.is(stopped.meta, undefined, 'the stopped notebook has no page');
    assert.equal(
      stopped.diagnostics.map((d) => [d.rule, d.severity, d.path, d.cell, d.message]),
      [
        [
          'render-timeout',
          'error',
          'hang.ipynb',
          1,
          'rendering the notebook was stopped: it took longer than the 3 s time limit',
        ],
      ],
    );
    assert.is(renderer.starts, 2, 'one process for the first two notebooks, a fresh one after the stop');
  } finally {
    delete process.env.BINDERPRESS_TEST_RENDER_HANG;
    await renderer.close();
    store.dispose();
  }
});

test('a few notebooks render in one process; more share every process the build may start', async () => {
  assert.equal(
    [1, 8, 9, 16, 17, 100].map((n) => processesFor(n, 2)),
    [1, 1, 2, 2, 2, 2],
  );
  assert.is(processesFor(100, 0), 1);
  const store = openRenderStore(undefined);
  const titles = (n: number) => Array.from({ length: n }, (_, i) => job(`n${i}.ipynb`, `Notebook ${i}`));
  for (const [count, starts] of [
    [3, 1],
    [12, 2],
  ] as const) {
    const renderer = createWorkerRenderer({ render: DEFAULT_RENDER_OPTIONS }, store, 2);
    try {
      const entries: NotebookEntry[] = [];
      renderer.warm?.(count);
      await renderer.render(titles(count), (i, entry) => (entries[i] = entry));
      assert.equal(
        entries.map((e) => e.meta?.title),
        titles(count).map((_, i) => `Notebook ${i}`),
      );
      assert.is(renderer.starts, starts, `${count} notebooks`);
    } finally {
      await renderer.close();
    }
  }
  store.dispose();
});

test.run();
