// Graphviz (dot) to SVG with @hpcc-js/wasm-graphviz: WebAssembly, no native binary, no file
// system (an `image=` attribute cannot reach the disk: the WASM file system is empty).
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { errorMessage } from './outcome.js';
import type { RenderOutcome } from './outcome.js';

let loading: Promise<Graphviz> | undefined; // the WebAssembly module, loaded once a process; layouts share nothing

function loadGraphviz(): Promise<Graphviz> {
  loading ??= Graphviz.load();
  return loading;
}

/** Renderer id for cache keys: package and Graphviz versions. */
export async function graphvizVersion(): Promise<string> {
  return `@hpcc-js/wasm-graphviz 1.29.2, graphviz ${(await loadGraphviz()).version()}`;
}

/** Lays out a DOT graph with `dot` (or the engine its `layout=` attribute names) as SVG. */
export async function renderGraphviz(source: string): Promise<RenderOutcome> {
  const graphviz = await loadGraphviz();
  try {
    const svg = graphviz.dot(source, 'svg');
    if (!svg.includes('<svg')) return { ok: false, error: 'Graphviz produced no drawing (is the graph empty?)' };
    return { ok: true, svg };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
