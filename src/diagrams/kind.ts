// Which diagram kind a fence language or an output MIME type names. The mapping itself lives in
// src/render/diagram-html.ts (`diagramKind`, `diagramSource`), so the stage draws exactly what the
// renderer will look up; this narrows it to the kinds this folder can draw.
import { diagramKind, diagramSource } from '../render/diagram-html.js';

export type DiagramKind = 'mermaid' | 'graphviz' | 'vega-lite' | 'vega' | 'plotly' | 'ipywidget' | 'bokeh';

export const DIAGRAM_KINDS: readonly DiagramKind[] = [
  'mermaid',
  'graphviz',
  'vega-lite',
  'vega',
  'plotly',
  'ipywidget',
  'bokeh',
];

/** The diagram kind of a fence language (first word of the info string) or MIME type. */
export function diagramKindOf(langOrMime: string): DiagramKind | undefined {
  const kind = diagramKind(langOrMime);
  return DIAGRAM_KINDS.find((k) => k === kind);
}

/** The lookup key of a diagram output value: the text, or `JSON.stringify` of a parsed spec. */
export function outputSource(value: unknown): string {
  return diagramSource(value);
}
