// Keeps a long build's heap near what it holds. V8 lets a heap grow to several times its live
// size before it collects the old generation, and a build makes garbage at a steady rate for
// minutes: measured at 660 notebooks, 60 MB were live while the heap had grown to 280 MB. A full
// collection at a quiet point (between render batches, after a worker's job, before each file
// is made), taken only once the heap has grown by half of what the last one left, keeps the peak
// near 1.5 times the live size (48 MB over it at least), at one full collection per half-heap of
// garbage. The `gc` function comes from a fresh context once `--expose-gc` is set, as test
// runners get it.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Facts of the process's one heap, kept for the process: V8's `gc` once found (null: refused), and
// what the last collection left.
let collect: (() => void) | null | undefined;
let leftAfterLast = 0;

/** Growth allowed over what the last collection left (half of it, at least 48 MB) before another. */
const slack = (left: number): number => Math.max(48 * 1024 * 1024, left / 2);

function gcFunction(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null; // flags or code from strings refused here: V8's own schedule stays
    }
  }
  return collect;
}

/** At a quiet point: collects when the heap has grown by more than the slack since the last time. */
export function settleHeap(): void {
  const used = getHeapStatistics().used_heap_size;
  if (used < leftAfterLast + slack(leftAfterLast)) return;
  const gc = gcFunction();
  if (!gc) return;
  gc();
  leftAfterLast = getHeapStatistics().used_heap_size;
}
