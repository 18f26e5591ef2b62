import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { settleHeap } from './heap.js';

const used = () => getHeapStatistics().used_heap_size;
const MB = 1024 * 1024;

/** Old-generation garbage: objects that live long enough to be promoted, then are dropped. */
function makeGarbage(mb: number): void {
  let keep: number[][] = [];
  for (let i = 0; i < mb * 4; i++) keep.push(Array.from({ length: 32 * 1024 }, (_, j) => j + i)); // ≈256 KB each
  keep = [];
  void keep;
}

/** Major (mark-compact) collections that `fn` caused. */
async function majorCollections(fn: () => void): Promise<number> {
  const seen: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  fn();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return seen.filter(
    (e) =>
      (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
  ).length;
}

test('settleHeap collects garbage once the heap has grown past its slack, and not before', async () => {
  settleHeap(); // a baseline: whatever the suite left
  makeGarbage(200);
  const before = used();
  assert.ok(before > 150 * MB, `the garbage is on the heap (${Math.round(before / MB)} MB)`);
  assert.ok((await majorCollections(settleHeap)) >= 1, 'a full collection');
  const after = used();
  assert.ok(after < before - 150 * MB, `collected: ${Math.round(before / MB)} MB → ${Math.round(after / MB)} MB`);
  // Right after a collection the heap is within its slack: nothing is collected.
  assert.is(await majorCollections(settleHeap), 0, 'no collection within the slack');
});

test.run();
