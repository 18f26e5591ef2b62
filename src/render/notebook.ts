// A notebook to HTML: cells in order inside `<article class="notebook">`, headings for the table of
// contents, content-hashed assets, the first figure, and diagnostics. Pure and synchronous.
import type { Cell, Notebook, RenderedNotebook } from '../types.js';
import { renderCell, renderCellError } from './cells.js';
import { RASTER_MIMES } from './images.js';
import { mapJupyterAnchors } from './jupyter-anchors.js';
import { createSink, type RenderScope } from './sink.js';
import { createSlugger } from './slugger.js';
import type { RenderContext, RenderEnv } from './types.js';

function metadataTitle(nb: Notebook): string | undefined {
  const title = nb.metadata.title;
  return typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined;
}

function fileTitle(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.ipynb$/i, '') || 'notebook';
}

/** A cell, or an escaped error box and a diagnostic when rendering it throws. */
function renderCellSafely(cell: Cell, index: number, scope: RenderScope): string {
  try {
    return renderCell(cell, index, scope);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.sink.report({
      rule: 'render-cell-failed',
      severity: 'error',
      cell: index,
      message: `Cell ${index + 1} (${cell.id}) could not be rendered: ${message}`,
      hint: 'This is a bug in binderpress; please report it with the notebook.',
    });
    return renderCellError(cell, message);
  }
}

/** Renders the cells of `nb` (read from `env.branch`/`env.path`) with the prepared context. */
export function renderNotebook(nb: Notebook, env: RenderEnv, ctx: RenderContext): RenderedNotebook {
  const title = metadataTitle(nb);
  const scope: RenderScope = {
    ctx,
    env,
    sink: createSink(env.branch, env.path),
    slugger: createSlugger(),
    headings: [],
    title: title ?? fileTitle(env.path),
    titleFixed: title !== undefined,
    figures: 0,
  };
  const sections = nb.cells.map((cell, i) => renderCellSafely(cell, i, scope)).filter((s) => s !== '');
  const assets = scope.sink.assets();
  const firstImage = assets.find((a) => RASTER_MIMES.has(a.mime))?.name;
  return {
    html: mapJupyterAnchors(`<article class="notebook">\n${sections.join('\n')}\n</article>`, scope.headings),
    // Only the opening heading can stand in for the page header (site-model's `titleHeading`): the
    // HTML of the others would be carried with the notebook's summary for nothing.
    headings: scope.headings.map((h, i) => (i === 0 || h.html === undefined ? h : { level: h.level, text: h.text, id: h.id })),
    assets,
    ...(firstImage === undefined ? {} : { firstImage }),
    diagnostics: scope.sink.diagnostics(),
  };
}
