// The last steps of drawing, in the diagram worker: a renderer's SVG → checks and sanitizing
// (src/diagrams/svg.ts) → PNG twin. Runs under the same guard as the renderers: an SVG that
// takes libvips or jsdom too long or too much memory is stopped like a slow layout.
import { svgToPng } from '../io/images.js';
import type { DiagramEntry } from './entry.js';
import type { DiagramKind } from './kind.js';
import { MAX_DIAGRAM_SVG } from './limits.js';
import { errorMessage } from './outcome.js';
import type { RenderOutcome } from './outcome.js';
import { prepareSvg } from './svg.js';

/** PNGs are drawn at twice the CSS size, within these limits. */
const PNG_SCALE = 2;
const MAX_PNG = { width: 4096, height: 8192 };

export interface Finished {
  readonly entry: DiagramEntry;
  readonly transient: boolean;
}

/** The cache entry for a renderer's outcome. */
export async function finish(kind: DiagramKind, outcome: RenderOutcome): Promise<Finished> {
  if (!outcome.ok)
    return {
      entry: { ok: false, error: outcome.error, ...(outcome.rule ? { rule: outcome.rule } : {}) },
      transient: outcome.transient === true,
    };
  if (outcome.svg.length > MAX_DIAGRAM_SVG) {
    const error = `the drawing is ${(outcome.svg.length / 1e6).toFixed(0)} MB of SVG, more than the ${MAX_DIAGRAM_SVG / 1e6} MB limit`;
    return { entry: { ok: false, error, rule: 'diagram-too-large' }, transient: false };
  }
  const prepared = prepareSvg(outcome.svg, { preserveSpace: kind === 'mermaid' });
  if (!prepared.ok) return { entry: prepared, transient: false };
  const scale = Math.min(PNG_SCALE, MAX_PNG.width / prepared.width, MAX_PNG.height / prepared.height);
  try {
    const { png } = await svgToPng(prepared.svg, scale);
    return {
      entry: { ok: true, svg: prepared.svg, png, width: prepared.width, height: prepared.height },
      transient: false,
    };
  } catch (error) {
    return { entry: { ok: false, error: `the SVG could not be rasterized: ${errorMessage(error)}` }, transient: false };
  }
}
