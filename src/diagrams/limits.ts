// The limits every diagram is drawn within (README, "Limits"), and the rule each one reports.
// Diagrams are untrusted input to third-party renderers: a Vega `sequence` of 1e8 rows took
// 4.5 GB before the process died, a dense 5,600-edge `dot` graph lays out for many minutes.

/** Time one diagram may take (render, SVG checks and PNG), in its process or browser page. */
export const DIAGRAM_TIMEOUT_MS = 15_000;
/**
 * JS heap of the diagram process. Real charts need tens of MB (an Altair chart with 5,000 rows
 * about 60); a chart that needs more is refused, and the build's own heap is untouched.
 */
export const DIAGRAM_MEMORY_MB = 512;
/** Characters of diagram source (a fence body or a spec's JSON). */
export const MAX_DIAGRAM_SOURCE = 5_000_000;
/** Characters of SVG a renderer may return (larger drawings are too heavy for a page anyway). */
export const MAX_DIAGRAM_SVG = 20_000_000;
/**
 * Diagrams of one notebook that may be stopped (time, memory, crash) in one build; its other new
 * diagrams wait for the next build. Without it, 100 slow graphs in one notebook cost 25 minutes.
 */
export const MAX_STOPS_PER_NOTEBOOK = 3;

/** Rule ids of diagrams that were stopped by a limit, or that took their renderer down. */
export type LimitRule = 'diagram-timeout' | 'diagram-too-large' | 'diagram-crashed';

export const LIMIT_HINTS: Readonly<Record<LimitRule, string>> = {
  'diagram-timeout':
    'Make the diagram smaller or simpler (fewer nodes, edges or rows; no huge `maxiter`); it is shown as code in the meantime.',
  'diagram-too-large':
    'Make the diagram smaller (less data, smaller sizes, shallower nesting); it is shown as code in the meantime.',
  'diagram-crashed': 'The renderer failed on this diagram; simplify or change it. It is shown as code in the meantime.',
};

/** `1 MB`, `15 s`: how limits read in messages. */
export const seconds = (ms: number): string => `${ms / 1000} s`;
