// Outputs of a code cell: streams, errors and MIME bundles, each representation rendered by type.
import type { DisplayOutput, Output, StreamOutput } from '../types.js';
import { html, trusted } from '../util/html.js';
import { renderError } from './ansi.js';
import { isBokehPlaceholder, renderBokehOutput } from './bokeh.js';
import { DIAGRAM_MIMES, diagramSource, drawDiagram } from './diagram-html.js';
import { feedOutputs, OUTPUTS_PLACEHOLDER, type ShownOutput } from './feed-cut.js';
import { cutForPage, inlineSize, PAGE_NOTE_SIZE } from './page-cut.js';
import { RASTER_MIMES, renderRasterImage, renderSvgImage } from './images.js';
import { renderLatexOutput } from './math.js';
import { withoutLiveData } from './live-charts.js';
import { INTERACTIVE, renderBundle } from './mime.js';
import { sanitizeOutputHtml } from './media.js';
import type { CellPlace, RenderScope } from './sink.js';
import { mergeStreams, renderPreText, streamText } from './streams.js';
import { renderWidgetView, widgetText, withoutWidgetView } from './widgets.js';

/** Elements that show something even without text. */
const VISIBLE_ELEMENTS =
  /<(img|svg|table|video|audio|picture|canvas|iframe|math|input|select|textarea|hr|object|embed)\b/i;

/** Whether sanitized HTML shows anything (text or a visible element). */
export function hasVisibleContent(sanitized: string): boolean {
  if (VISIBLE_ELEMENTS.test(sanitized)) return true;
  const text = sanitized.replace(/<style\b[\s\S]*?<\/style>/gi, '').replace(/<[^>]*>/g, '');
  return text.replace(/&nbsp;|&#160;|&#xa0;|\s/gi, '') !== '';
}

/** Script and style blocks cut out: what is left of a JavaScript chart is an empty `<div>`. */
const SCRIPTS_AND_STYLES = /<script\b[\s\S]*?(?:<\/script\s*>|$)|<style\b[\s\S]*?(?:<\/style\s*>|$)/gi;

/** `text/html`: sanitized; HTML that was all script (a JavaScript chart) counts as interactive. */
function renderHtmlOutput(
  value: string,
  scope: RenderScope,
  place: CellPlace,
): string | undefined | typeof INTERACTIVE {
  // A display decision only (nothing of `value` is emitted here): skips sanitizing megabytes of chart JSON.
  if (/<script\b/i.test(value) && !hasVisibleContent(value.replace(SCRIPTS_AND_STYLES, ''))) return INTERACTIVE;
  const clean = sanitizeOutputHtml(value, scope, place);
  if (!hasVisibleContent(clean)) return /<script\b/i.test(value) ? INTERACTIVE : undefined;
  return html`<div class="output-html">${trusted(clean)}</div>`.value;
}

function renderJsonOutput(value: unknown, scope: RenderScope): string {
  let data = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      data = value;
    }
  }
  const text = typeof data === 'string' ? data : (JSON.stringify(data, null, 2) ?? String(data));
  return html`<div class="output-json">${trusted(scope.ctx.highlight(text, 'json'))}</div>`.value;
}

function renderTextual(
  mime: string,
  text: string,
  scope: RenderScope,
  place: CellPlace,
): string | undefined | typeof INTERACTIVE {
  switch (mime) {
    case 'text/html':
      return renderHtmlOutput(text, scope, place);
    case 'text/markdown': {
      const md = scope.ctx.markdown.render(text, {
        env: scope.env,
        sink: scope.sink,
        slugger: scope.slugger,
        cell: place.index,
        macros: scope.macros,
      });
      return html`<div class="output-markdown">${trusted(md.html)}</div>`.value;
    }
    case 'text/latex':
      return html`<div class="output-latex">${trusted(renderLatexOutput(text))}</div>`.value;
    case 'text/plain':
      return renderPreText(text, 'output-text', scope.ctx.options.collapseLines);
    default:
      return undefined;
  }
}

/** One representation of a bundle, by MIME type; `undefined` when this one cannot be shown. */
function renderMime(
  mime: string,
  value: unknown,
  metadata: DisplayOutput['metadata'],
  scope: RenderScope,
  place: CellPlace,
): string | undefined | typeof INTERACTIVE {
  const kind = DIAGRAM_MIMES[mime];
  if (kind !== undefined) {
    const figure = drawDiagram(kind, diagramSource(value), {
      diagrams: scope.ctx.diagrams,
      sink: scope.sink,
      env: scope.env,
      cell: place.index,
      live: true,
    });
    if (figure !== undefined) scope.figures++;
    return figure;
  }
  if (RASTER_MIMES.has(mime)) return renderRasterImage(value, mime, metadata, scope, place);
  if (mime === 'image/svg+xml') return renderSvgImage(value, metadata, scope, place);
  if (mime === 'application/json') return renderJsonOutput(value, scope);
  return typeof value === 'string' ? renderTextual(mime, value, scope, place) : undefined;
}

/** A display output's box around `inner`: an `Out[n]:` prompt for a result. */
function displayWrap(output: DisplayOutput, showExecutionCount: boolean): (inner: string) => string {
  const count = output.executionCount ?? ' ';
  const prompt = showExecutionCount ? html`<div class="prompt output-prompt">Out[${count}]:</div>` : '';
  return (inner) =>
    output.type === 'execute_result'
      ? html`<div class="output output-result">${prompt}${trusted(inner)}</div>`.value
      : html`<div class="output output-display">${trusted(inner)}</div>`.value;
}

function renderDisplay(output: DisplayOutput, scope: RenderScope, place: CellPlace): ShownOutput {
  const { mimePriority, showExecutionCount } = scope.ctx.options;
  const widget = renderWidgetView(
    output.data,
    scope.widgets,
    widgetText(output.data, scope.ctx.options.collapseLines),
    { diagrams: scope.ctx.diagrams, sink: scope.sink, env: scope.env, cell: place.index },
  );
  if (widget && 'live' in widget) return { html: displayWrap(output, showExecutionCount)(widget.live) };
  if (isBokehPlaceholder(output.data)) return { html: '' };
  const bokeh = renderBokehOutput(output.data, {
    diagrams: scope.ctx.diagrams,
    sink: scope.sink,
    env: scope.env,
    cell: place.index,
  });
  if (bokeh !== undefined) {
    scope.figures++;
    const wrap = displayWrap(output, showExecutionCount);
    return { html: wrap(bokeh), feed: wrap(withoutLiveData(bokeh)) };
  }
  // Text shown as text is kept beside its HTML: feeds show the first lines of a long one.
  let text: { readonly value: string; readonly html: string } | undefined;
  const shownBody = renderBundle(widget ? withoutWidgetView(output.data) : output.data, mimePriority, (mime, value) => {
    const shown = renderMime(mime, value, output.metadata, scope, place);
    if (mime === 'text/plain' && typeof value === 'string' && typeof shown === 'string') text = { value, html: shown };
    return shown;
  });
  // A widget that is not live: a note on why, before what it shows (its text repr, an image).
  const body = widget ? widget.note + shownBody : shownBody;
  if (body === '') return { html: '' };
  const wrap = displayWrap(output, showExecutionCount);
  const feedBody = withoutLiveData(body);
  if (feedBody !== body) return { html: wrap(body), feed: wrap(feedBody) };
  if (!text) return { html: wrap(body) };
  // `body` is the text's HTML, or a note and then it: only a cut output reads the note.
  const { value, html: textHtml } = text;
  const around = (pre: string): string =>
    wrap(body.length === textHtml.length ? pre : body.slice(0, body.length - textHtml.length) + pre);
  return { html: wrap(body), pre: { text: value, className: 'output-text', around } };
}

function streamPre(output: StreamOutput): NonNullable<ShownOutput['pre']> {
  const { text, name, className } = streamText(output);
  return {
    text,
    className,
    around: (pre) => html`<div class="output output-stream-${name}">${trusted(pre)}</div>`.value,
  };
}

function renderStreamOutput(output: StreamOutput, scope: RenderScope): ShownOutput {
  const pre = streamPre(output);
  return { html: pre.around(renderPreText(pre.text, pre.className, scope.ctx.options.collapseLines)), pre };
}

/** The text an output shows as text, were it cut before it is rendered. */
function textOf(output: Output, scope: RenderScope): ShownOutput['pre'] | undefined {
  if (output.type === 'stream') return streamPre(output);
  if (output.type === 'error')
    return {
      text: output.traceback.join('\n'),
      className: 'output-error',
      around: (pre) => html`<div class="output output-error-box">${trusted(pre)}</div>`.value,
    };
  const text = output.data['text/plain'];
  return typeof text === 'string'
    ? { text, className: 'output-text', around: displayWrap(output, scope.ctx.options.showExecutionCount) }
    : undefined;
}

/**
 * An output as its page shows it: whole, or cut (see page-cut.ts) when its text is too long to
 * render or its HTML does not fit in what is left of the page's share for outputs.
 */
function renderOnPage(output: Output, scope: RenderScope, place: CellPlace): ShownOutput {
  const cuts = scope.page;
  if (!cuts) return renderOutput(output, scope, place);
  const { collapseLines } = scope.ctx.options;
  // An output shorter than the note that would stand for it is shown whole, the page full or not.
  const size = inlineSize(output);
  if (size > Math.max(PAGE_NOTE_SIZE, Math.min(cuts.outputLimit, cuts.left)))
    return cutForPage(textOf(output, scope), size, place, scope.env.path, collapseLines, cuts);
  const shown = renderOutput(output, scope, place);
  if (shown.html.length > Math.max(PAGE_NOTE_SIZE, cuts.left))
    return cutForPage(shown.pre, shown.html.length, place, scope.env.path, collapseLines, cuts);
  cuts.left = Math.max(0, cuts.left - shown.html.length);
  return shown;
}

function renderOutput(output: Output, scope: RenderScope, place: CellPlace): ShownOutput {
  switch (output.type) {
    case 'stream':
      return renderStreamOutput(output, scope);
    case 'error':
      return { html: html`<div class="output output-error-box">${trusted(renderError(output))}</div>`.value };
    case 'display_data':
    case 'execute_result':
      return renderDisplay(output, scope, place);
    default:
      return { html: '' };
  }
}

/**
 * A code cell's outputs, streams merged; `remove-stdout` / `remove-stderr` tags drop those streams.
 * Returns '' when nothing is left. Where feeds show them otherwise (long ones), both are kept in
 * `scope.feed`, and `OUTPUTS_PLACEHOLDER` stands for them.
 */
export function renderOutputs(
  outputs: readonly Output[],
  tags: readonly string[],
  scope: RenderScope,
  place: CellPlace,
): string {
  const kept = mergeStreams(outputs).filter((o) => o.type !== 'stream' || !tags.includes(`remove-${o.name}`));
  const shown = kept.map((o) => renderOnPage(o, scope, place));
  const page = shown.map((s) => s.html).join('');
  const feed = scope.feed ? feedOutputs(shown, scope.feed, place, scope.ctx.options.collapseLines) : undefined;
  if (feed === undefined) return page;
  scope.feed?.cells.set(place.index, { page, feed });
  return OUTPUTS_PLACEHOLDER;
}
