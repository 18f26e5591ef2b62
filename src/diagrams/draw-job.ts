// Jobs of the diagram process (src/diagrams/draw-worker.ts): draw a source, or finish an SVG that
// mermaid (or a widget's picture) drew in the browser.
import type { DiagramKind } from './kind.js';

export type DrawJob =
  | {
      readonly type: 'draw';
      readonly kind: Exclude<DiagramKind, 'mermaid' | 'plotly' | 'ipywidget' | 'bokeh'>;
      readonly source: string;
    }
  | { readonly type: 'finish'; readonly kind: DiagramKind; readonly svg: string };

/** The diagram worker's module: compiled JS next to this file, or the TypeScript source under tsx. */
export function drawWorkerFile(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './draw-worker.ts' : './draw-worker.js', import.meta.url);
}
