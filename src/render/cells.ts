// One cell to one `<section class="cell cell-{type}" id="cell-{id}">`: markdown (with attachments),
// code (see code.ts) and raw cells by format; `remove-cell` drops it, `hide-cell` folds it.
import type { Cell, MarkdownCell, RawCell } from '../types.js';
import { html, trusted } from '../util/html.js';
import { foldHtml, renderCodeCell } from './code.js';
import { renderLatexOutput } from './math.js';
import { sanitizeHtml } from './sanitize.js';
import { reportTooDeep } from './media.js';
import { cellAnchor, type CellPlace, type RenderScope } from './sink.js';

const RAW_FORMATS: Readonly<Record<string, string>> = {
  html: 'text/html',
  'text/html': 'text/html',
  markdown: 'text/markdown',
  md: 'text/markdown',
  'text/markdown': 'text/markdown',
  'text/x-markdown': 'text/markdown',
  latex: 'text/latex',
  tex: 'text/latex',
  'text/latex': 'text/latex',
  'text/x-latex': 'text/latex',
};

function renderMarkdownCell(cell: MarkdownCell, scope: RenderScope, place: CellPlace): string {
  const { ctx, env, sink, slugger } = scope;
  const result = ctx.markdown.render(cell.source, {
    env,
    sink,
    slugger,
    attachments: cell.attachments,
    cell: place.index,
    macros: scope.macros,
  });
  scope.headings.push(...result.headings);
  if (!scope.titleFixed && result.headings[0]) {
    scope.title = result.headings[0].text;
    scope.titleFixed = true;
  }
  return result.html;
}

/** Raw cells: HTML sanitized, markdown and LaTeX rendered; other formats (or none) are not shown. */
function renderRawCell(cell: RawCell, scope: RenderScope, place: CellPlace): string {
  switch (RAW_FORMATS[cell.format.trim().toLowerCase()]) {
    case 'text/html':
      return html`<div class="raw-html">${trusted(sanitizeHtml(cell.source, { tooDeep: (depth) => reportTooDeep(scope, place, 'The raw HTML', depth) }))}</div>`
        .value;
    case 'text/markdown':
      return renderMarkdownCell({ ...cell, type: 'markdown', attachments: {} }, scope, place);
    case 'text/latex':
      return html`<div class="raw-latex">${trusted(renderLatexOutput(cell.source))}</div>`.value;
    default:
      return '';
  }
}

function renderCellBody(cell: Cell, scope: RenderScope, place: CellPlace): string {
  switch (cell.type) {
    case 'markdown':
      return renderMarkdownCell(cell, scope, place);
    case 'code':
      return renderCodeCell(cell, scope, place);
    case 'raw':
      return renderRawCell(cell, scope, place);
    default:
      return '';
  }
}

/** The cell's section, or '' when the cell is removed or shows nothing. */
export function renderCell(cell: Cell, index: number, scope: RenderScope): string {
  if (cell.tags.includes('remove-cell')) return '';
  const place: CellPlace = { index, id: cell.id, metadata: cell.metadata };
  const body = renderCellBody(cell, scope, place);
  if (body.trim() === '') return '';
  const content = cell.tags.includes('hide-cell')
    ? foldHtml(cell.type === 'code' ? 'Show code cell' : 'Show cell', body)
    : body;
  return html`<section class="cell cell-${cell.type}" id="${cellAnchor(cell.id)}">${trusted(content)}</section>`.value;
}

/** The escaped box shown in place of a cell that failed to render. */
export function renderCellError(cell: Cell, message: string): string {
  return html`<section class="cell cell-${cell.type}" id="${cellAnchor(cell.id)}"><div class="cell-error render-error" role="alert">This cell could not be rendered: ${message}</div></section>`
    .value;
}
