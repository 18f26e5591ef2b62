// A notebook to HTML: cells in order inside `<article class="notebook">`, headings for the table of
// contents, content-hashed assets, the first figure, and diagnostics. Pure and synchronous.
import type { Cell, Heading, Notebook, RenderedNotebook } from '../types.js';
import { notebookCells } from './cell-memo.js';
import { renderCell, renderCellError } from './cells.js';
import { liveScripts } from './live-charts.js';
import { createFeedCuts, OUTPUTS_PLACEHOLDER, type FeedCuts } from './feed-cut.js';
import { formatBytes } from '../util/bytes.js';
import { createPageCuts, type PageCuts } from './page-cut.js';
import { RASTER_MIMES } from './images.js';
import { mapJupyterAnchors } from './jupyter-anchors.js';
import { createSink, type RenderScope } from './sink.js';
import { createSlugger } from './slugger.js';
import type { RenderContext, RenderEnv } from './types.js';
import { WIDGET_SCRIPTS, widgetPageOf, widgetState, withoutWidgetScripts } from './widgets.js';

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

/**
 * The page's and the feeds' HTML of the rendered cells: a section holding `OUTPUTS_PLACEHOLDER`
 * gets its cell's outputs for each (pieces joined once, so megabytes of outputs are copied once).
 */
function assemble(
  cells: readonly string[],
  cuts: FeedCuts,
  headings: RenderScope['headings'],
): { html: string; feedHtml?: string } {
  const page: string[] = [];
  const feed: string[] = [];
  cells.forEach((section, i) => {
    const cut = cuts.cells.get(i);
    // A cell that failed after its outputs were rendered is an error box without them.
    const [before, after, ...more] = cut ? section.split(OUTPUTS_PLACEHOLDER) : [section];
    if (more.length > 0) throw new Error(`internal: the outputs of cell ${i + 1} were put in twice`);
    if (section === '') return;
    page.push(cut && after !== undefined ? `${before}${cut.page}${after}` : section);
    feed.push(cut && after !== undefined ? `${before}${cut.feed}${after}` : section);
  });
  const article = (sections: readonly string[]): string =>
    mapJupyterAnchors(`<article class="notebook">\n${sections.join('\n')}\n</article>`, headings);
  return cuts.cells.size === 0 ? { html: article(page) } : { html: article(page), feedHtml: article(feed) };
}

/** One warning for a notebook with huge outputs, at the cell with the first of them. */
function reportHuge(cuts: FeedCuts, scope: RenderScope): void {
  const [first, ...more] = cuts.huge;
  if (!first) return;
  const others =
    more.length === 0
      ? ''
      : ` Cell${more.length === 1 ? '' : 's'} ${more.map((h) => h.index + 1).join(', ')} ${more.length === 1 ? 'has one' : 'have some'} too.`;
  scope.sink.report({
    rule: 'output-too-large',
    severity: 'warning',
    cell: first.index,
    message: `Cell ${first.index + 1} (${first.id}) has an output of ${formatBytes(first.size)}: its page is at least as large, and feeds leave most of it out and link to the page.${others}`,
    hint: 'Clear or shorten the output before committing the notebook (print a summary or a few rows, not all of them).',
  });
}

/**
 * Whether `heading` is the first thing the notebook shows: the first shown cell starts with it
 * (only the opening tags of the cell around it come first). An attribution or a logo before it
 * keeps it in the body, where the reader sees it in its place.
 */
function opensWith(cells: readonly string[], heading: Heading): boolean {
  const first = cells.find((c) => c !== '');
  if (first === undefined) return false;
  const at = first.indexOf(`<h${heading.level} id="${heading.id}"`);
  return at !== -1 && /^(?:<(?:section|div)\b[^>]*>\s*)*$/.test(first.slice(0, at));
}

/** One warning for a notebook whose page leaves outputs out, at the cell with the first of them. */
function reportPageCuts(cuts: PageCuts, scope: RenderScope): void {
  const [first, ...more] = cuts.cut;
  if (!first) return;
  const others =
    more.length === 0
      ? ''
      : ` Cell${more.length === 1 ? '' : 's'} ${more.map((c) => c.index + 1).join(', ')} ${more.length === 1 ? 'is' : 'are'} cut too.`;
  scope.sink.report({
    rule: 'output-too-large',
    severity: 'warning',
    cell: first.index,
    message: `Cell ${first.index + 1} (${first.id}) has an output of ${formatBytes(first.size)}, more than a page holds (${formatBytes(cuts.outputLimit)} of text an output, ${formatBytes(cuts.outputsLimit)} of outputs a page): the page shows its first lines and links to the notebook's download for the rest.${others}`,
    hint: 'Clear or shorten the output before committing the notebook (print a summary or a few rows, not all of them), or save the data to a file.',
  });
}

/**
 * Renders the cells of `nb` (read from `env.branch`/`env.path`) with the prepared context.
 * `pageLimits` (tests only) lowers page-cut.ts's limits.
 */
export function renderNotebook(
  nb: Notebook,
  env: RenderEnv,
  ctx: RenderContext,
  pageLimits?: { readonly output: number; readonly outputs: number },
): RenderedNotebook {
  const title = metadataTitle(nb);
  const feed = createFeedCuts();
  const page = pageLimits ? createPageCuts(pageLimits.output, pageLimits.outputs) : createPageCuts();
  const scope: RenderScope = {
    ctx,
    env,
    sink: createSink(env.branch, env.path),
    slugger: createSlugger(),
    headings: [],
    macros: {},
    title: title ?? fileTitle(env.path),
    titleFixed: title !== undefined,
    figures: 0,
    feed,
    page,
    widgets: widgetPageOf(nb),
  };
  const memo = ctx.cells ? notebookCells(ctx.cells) : undefined;
  const cells = nb.cells.map((cell, i) => {
    ctx.onCell?.(i);
    return memo ? memo(cell, i, scope, (s) => renderCellSafely(cell, i, s)) : renderCellSafely(cell, i, scope);
  });
  ctx.onCell?.(undefined);
  const assembled = assemble(cells, feed, scope.headings);
  // Live widgets: their state ends the page, their scripts are the page's; feeds keep the stand-ins alone.
  const widgetTags = widgetState(scope.widgets);
  const html = assembled.html + widgetTags;
  const feedHtml = widgetTags === '' ? assembled.feedHtml : withoutWidgetScripts(assembled.feedHtml ?? assembled.html);
  reportHuge(feed, scope);
  reportPageCuts(page, scope);
  const assets = scope.sink.assets();
  const firstImage = assets.find((a) => RASTER_MIMES.has(a.mime))?.name;
  const scripts = [...liveScripts(html), ...(widgetTags === '' ? [] : WIDGET_SCRIPTS)];
  return {
    html,
    ...(feedHtml === undefined ? {} : { feedHtml }),
    // Only the opening heading can stand in for the page header (site-model's `titleHeading`): the
    // HTML of the others would be carried with the notebook's summary for nothing.
    headings: scope.headings.map((h, i) =>
      i === 0
        ? opensWith(cells, h)
          ? { ...h, opens: true }
          : h
        : h.html === undefined
          ? h
          : { level: h.level, text: h.text, id: h.id },
    ),
    assets,
    ...(firstImage === undefined ? {} : { firstImage }),
    ...(scripts.length === 0 ? {} : { scripts }),
    diagnostics: scope.sink.diagnostics(),
  };
}
