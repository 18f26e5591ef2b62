// The diagram process (started by src/diagrams/draw.ts through src/workers/guard.ts): lays out
// Graphviz and Vega diagrams, and checks, sanitizes and rasterizes every renderer's SVG, mermaid's
// included. Everything is loaded before it says it is ready, so start-up is not charged to the
// first diagram's time limit.
import { serveJobs } from '../workers/guard-serve.js';
import { finish } from './finish.js';
import type { Finished } from './finish.js';
import { graphvizVersion, renderGraphviz } from './graphviz.js';
import type { DrawJob } from './draw-job.js';
import { renderVega } from './vega.js';
import { domWindow } from '../util/dom-window.js';

await graphvizVersion(); // loads the WebAssembly module
domWindow();

serveJobs<DrawJob, Finished>(async (job) => {
  if (job.type === 'finish') return finish(job.kind, { ok: true, svg: job.svg });
  const outcome = job.kind === 'graphviz' ? await renderGraphviz(job.source) : await renderVega(job.kind, job.source);
  return finish(job.kind, outcome);
});
