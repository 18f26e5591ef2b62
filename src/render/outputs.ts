// Outputs of a code cell: streams, errors and MIME bundles, each representation rendered by type.
import type { DisplayOutput, Output } from '../types.js';
import { html, trusted } from '../util/html.js';
import { renderError } from './ansi.js';
import { DIAGRAM_MIMES, diagramSource, drawDiagram } from './diagram-html.js';
import { RASTER_MIMES, renderRasterImage, renderSvgImage } from './images.js';
import { renderLatexOutput } from './math.js';
import { INTERACTIVE, renderBundle } from './mime.js';
import { sanitizeHtml } from './sanitize.js';
import type { CellPlace, RenderScope } from './sink.js';
import { mergeStreams, renderPreText, renderStream } from './streams.js';

/** Elements that show something even without text. */
const VISIBLE_ELEMENTS = /<(img|svg|table|video|audio|picture|canvas|iframe|math|input|select|textarea|hr|object|embed)\b/i;

/** Whether sanitized HTML shows anything (text or a visible element). */
export function hasVisibleContent(sanitized: string): boolean {
  if (VISIBLE_ELEMENTS.test(sanitized)) return true;
  const text = sanitized.replace(/<style\b[\s\S]*?<\/style>/gi, '').replace(/<[^>]*>/g, '');
  return text.replace(/&nbsp;|&#160;|&#xa0;|\s/gi, '') !== '';
}

/** Script and style blocks cut out: what is left of a JavaScript chart is an empty `<div>`. */
const SCRIPTS_AND_STYLES = /<script\b[\s\S]*?(?:<\/script\s*>|$)|<style\b[\s\S]*?(?:<\/style\s*>|$)/gi;

/** `text/html`: sanitized; HTML that was all script (a JavaScript chart) counts as interactive. */
function renderHtmlOutput(value: string): string | undefined | typeof INTERACTIVE {
  // A display decision only (nothing of `value` is emitted here): skips sanitizing megabytes of chart JSON.
  if (/<script\b/i.test(value) && !hasVisibleContent(value.replace(SCRIPTS_AND_STYLES, ''))) return INTERACTIVE;
  const clean = sanitizeHtml(value);
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
  const text = typeof data === 'string' ? data : JSON.stringify(data, null, 2) ?? String(data);
  return html`<div class="output-json">${trusted(scope.ctx.highlight(text, 'json'))}</div>`.value;
}

function renderTextual(mime: string, text: string, scope: RenderScope, place: CellPlace): string | undefined | typeof INTERACTIVE {
  switch (mime) {
    case 'text/html':
      return renderHtmlOutput(text);
    case 'text/markdown': {
      const md = scope.ctx.markdown.render(text, { env: scope.env, sink: scope.sink, slugger: scope.slugger, cell: place.index });
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
export function renderMime(mime: string, value: unknown, metadata: DisplayOutput['metadata'], scope: RenderScope, place: CellPlace): string | undefined | typeof INTERACTIVE {
  const kind = DIAGRAM_MIMES[mime];
  if (kind !== undefined) {
    const figure = drawDiagram(kind, diagramSource(value), { diagrams: scope.ctx.diagrams, sink: scope.sink, env: scope.env, cell: place.index });
    if (figure !== undefined) scope.figures++;
    return figure;
  }
  if (RASTER_MIMES.has(mime)) return renderRasterImage(value, mime, metadata, scope, place);
  if (mime === 'image/svg+xml') return renderSvgImage(value, metadata, scope, place);
  if (mime === 'application/json') return renderJsonOutput(value, scope);
  return typeof value === 'string' ? renderTextual(mime, value, scope, place) : undefined;
}

function renderDisplay(output: DisplayOutput, scope: RenderScope, place: CellPlace): string {
  const { mimePriority, showExecutionCount } = scope.ctx.options;
  const body = renderBundle(output.data, mimePriority, (mime, value) => renderMime(mime, value, output.metadata, scope, place));
  if (body === '') return '';
  if (output.type !== 'execute_result') return html`<div class="output output-display">${trusted(body)}</div>`.value;
  const count = output.executionCount ?? ' ';
  const prompt = showExecutionCount ? html`<div class="prompt output-prompt">Out[${count}]:</div>` : '';
  return html`<div class="output output-result">${prompt}${trusted(body)}</div>`.value;
}

function renderOutput(output: Output, scope: RenderScope, place: CellPlace): string {
  switch (output.type) {
    case 'stream':
      return html`<div class="output output-stream-${output.name === 'stderr' ? 'stderr' : 'stdout'}">${trusted(renderStream(output, scope.ctx.options.collapseLines))}</div>`.value;
    case 'error':
      return html`<div class="output output-error-box">${trusted(renderError(output))}</div>`.value;
    case 'display_data':
    case 'execute_result':
      return renderDisplay(output, scope, place);
    default:
      return '';
  }
}

/**
 * A code cell's outputs, streams merged; `remove-stdout` / `remove-stderr` tags drop those streams.
 * Returns '' when nothing is left.
 */
export function renderOutputs(outputs: readonly Output[], tags: readonly string[], scope: RenderScope, place: CellPlace): string {
  const kept = mergeStreams(outputs).filter((o) => o.type !== 'stream' || !tags.includes(`remove-${o.name}`));
  return kept.map((o) => renderOutput(o, scope, place)).join('');
}
