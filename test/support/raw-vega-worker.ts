// Test worker for src/workers/guard.test.ts: real vega with none of the diagram worker's
// precautions (links kept), so vega-scenegraph's uncaught throw happens for real; and a report
// of the heap limit the guard gave this thread; and a job that fills any heap.
import { getHeapStatistics } from 'node:v8';
import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { serveJobs } from '../../src/workers/guard-serve.js';
import { offlineLoader } from '../../src/diagrams/vega.js';

export type RawJob = { type: 'vega-lite'; source: string } | { type: 'heap' } | { type: 'hog' };

serveJobs<RawJob, string | number>(async (job) => {
  if (job.type === 'heap') return getHeapStatistics().heap_size_limit;
  if (job.type === 'hog') {
    // 80 MB a step: a heap filled in a few big steps runs out at once, not after minutes of GC
    const hog: number[][] = [];
    for (;;) hog.push(new Array<number>(1e7).fill(hog.length + 0.5));
  }
  const view = new View(parse(compile(JSON.parse(job.source) as TopLevelSpec).spec), {
    renderer: 'none',
    loader: offlineLoader(),
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
});
