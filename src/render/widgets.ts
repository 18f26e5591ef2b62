// ipywidgets outputs (`application/vnd.jupyter.widget-view+json`). A view whose models the notebook
// saved (and that ipywidgets' own modules draw) is shown live on the page by the site's widget
// bundle, its text repr standing in until the bundle has drawn it (and in feeds, which run no
// script). A view without saved state is its text repr and a note. The page carries the state
// of its live views once, as JSON in an inert `<script type="application/vnd.jupyter.widget-state+json">`.
import type { MimeBundle, Notebook } from '../types.js';
import { html, trusted } from '../util/html.js';
import type { DiagramTarget } from './diagram-html.js';
import { imgTag } from './images.js';
import { sanitizeHtml } from './sanitize.js';
import { renderPreText } from './streams.js';
import {
  MAX_WIDGET_STATE,
  modelsOfView,
  pageState,
  readWidgetModels,
  scriptJson,
  viewModelId,
  WIDGET_VIEW_MIME,
} from './widgets-state.js';
import type { WidgetModels } from './widgets-state.js';

/**
 * The site paths of the widget loader and bundle, in load order: a page with live widgets names
 * them among its scripts, and src/io/static-files.ts writes the widget files when some page does.
 */
export const WIDGET_SCRIPTS = ['_static/widgets/loader.js', '_static/widgets/embed.js'] as const;

/** The saved models of one notebook, and the ids its live views need so far. */
export interface WidgetPage {
  readonly models: WidgetModels;
  readonly used: Set<string>;
  /** Whether the saved state is too large to carry (and whether that was reported). */
  readonly tooLarge: boolean;
  reported?: boolean;
}

export function widgetPageOf(nb: Notebook): WidgetPage {
  const models = readWidgetModels(nb.metadata);
  const tooLarge = models.size > 0 && JSON.stringify(nb.metadata.widgets ?? null).length > MAX_WIDGET_STATE;
  return { models, used: new Set(), tooLarge };
}

const note = (text: string): string => html`<p class="output-note">${text}</p>`.value;

/** Why a view is not live, for its note. */
function whyNotLive(page: WidgetPage, id: string): string | undefined {
  if (page.models.size === 0)
    return 'Interactive widget: the notebook was saved without widget state. Run it in Binder to use it.';
  if (page.tooLarge)
    return `Interactive widget: its saved state is larger than ${MAX_WIDGET_STATE / 1e6} MB, more than a page carries. Run it in Binder to use it.`;
  const reach = modelsOfView(page.models, id);
  if (reach.ok) return undefined;
  if (reach.module !== undefined)
    return `Interactive widget of ${reach.module}: only ipywidgets' own controls are shown live. Run it in Binder to use it.`;
  return 'Interactive widget: no saved state for it. Run the notebook in Binder to use it.';
}

/** Where a widget's picture is looked up (the diagram stage drew it) and its files go. */
export type PictureTarget = DiagramTarget;

/** The picture the diagram stage drew of a view, as an image (SVG, PNG for feeds); `undefined` when there is none. */
function widgetPicture(models: WidgetModels, id: string, t: PictureTarget): string | undefined {
  const source = widgetPictureSource(models, id);
  const result = source === undefined ? undefined : t.diagrams.get('ipywidget', source);
  if (!result?.ok) return undefined; // the stage reported why
  const names = new Map(result.image.assets.map((a) => [a.name, t.sink.addAsset(a.bytes, a.mime)]));
  const at = (name: string): string => t.env.assetUrl(names.get(name) ?? name);
  return imgTag({
    src: at(result.image.svg),
    dataPng: at(result.image.png),
    width: result.image.width,
    height: result.image.height,
    alt: 'Picture of an interactive widget',
    className: 'widget-picture',
  }).value;
}

function reportTooLarge(page: WidgetPage, t: PictureTarget): void {
  page.reported = true;
  t.sink.report({
    rule: 'widget-state-too-large',
    severity: 'warning',
    ...(t.cell === undefined ? {} : { cell: t.cell }),
    message: `The notebook's saved widget state is larger than ${MAX_WIDGET_STATE / 1e6} MB: its widgets show their text, not live.`,
    hint: 'Save the widget state without the data it holds (clear large widgets, or display a smaller sample) and commit the notebook again.',
  });
}

/** A widget-view output: live (its stand-in and view script), or the note to show with its other representations. */
export type WidgetView = { readonly live: string } | { readonly note: string };

/**
 * A widget-view output: `undefined` when the bundle has none (or no model id). `textHtml` is the
 * output's `text/plain` as rendered, the live view's stand-in on the page and all that feeds show.
 */
export function renderWidgetView(
  data: MimeBundle,
  page: WidgetPage | undefined,
  textHtml: string | undefined,
  pictures?: PictureTarget,
): WidgetView | undefined {
  if (!Object.hasOwn(data, WIDGET_VIEW_MIME) || !page) return undefined;
  const id = viewModelId(data[WIDGET_VIEW_MIME]);
  if (id === undefined) return undefined;
  const why = whyNotLive(page, id);
  if (page.tooLarge && !page.reported && pictures) reportTooLarge(page, pictures);
  if (why !== undefined) return { note: note(why) };
  const reach = modelsOfView(page.models, id);
  if (reach.ok) for (const m of reach.ids) page.used.add(m);
  const view = scriptJson({ version_major: 2, version_minor: 0, model_id: id });
  const standIn = (pictures && widgetPicture(page.models, id, pictures)) ?? textHtml ?? note('Interactive widget');
  return {
    live: html`<div class="output-widget"><div class="widget-static">${trusted(standIn)}</div><script type="${WIDGET_VIEW_MIME}">${trusted(view)}</script></div>`
      .value,
  };
}

/** The bundle without its widget view: what a view that is not live shows, beside its note. */
export function withoutWidgetView(data: MimeBundle): MimeBundle {
  return Object.fromEntries(Object.entries(data).filter(([mime]) => mime !== WIDGET_VIEW_MIME));
}

const sanitizeState = (value: string): string => sanitizeHtml(value);

/** What the diagram stage draws a picture of, and the renderer looks up: the view's id and the state it needs, as the page carries it. */
export function widgetPictureSource(models: WidgetModels, id: string): string | undefined {
  const reach = modelsOfView(models, id);
  return reach.ok ? JSON.stringify({ model_id: id, state: pageState(models, reach.ids, sanitizeState) }) : undefined;
}

/** Every live widget view of a notebook, by cell, as `widgetPictureSource` gives it. */
export function widgetPictureSources(nb: Notebook): { readonly source: string; readonly cell: number }[] {
  const page = widgetPageOf(nb);
  if (page.models.size === 0 || page.tooLarge) return [];
  return nb.cells.flatMap((cell, index) => {
    if (cell.type !== 'code') return [];
    return cell.outputs.flatMap((o) => {
      const id =
        o.type === 'display_data' || o.type === 'execute_result' ? viewModelId(o.data[WIDGET_VIEW_MIME]) : undefined;
      const source = id === undefined ? undefined : widgetPictureSource(page.models, id);
      return source === undefined ? [] : [{ source, cell: index }];
    });
  });
}

/** The text repr of a widget output as the page shows text. */
export function widgetText(data: MimeBundle, collapseLines: number): string | undefined {
  const text = data['text/plain'];
  const value = Array.isArray(text) ? text.join('') : text;
  return typeof value === 'string' ? renderPreText(value, 'output-text', collapseLines) : undefined;
}

/** What a page with live widgets ends with: their state ('' for none); it loads `WIDGET_SCRIPTS` too. */
export function widgetState(page: WidgetPage | undefined): string {
  if (!page || page.used.size === 0) return '';
  const state = scriptJson(pageState(page.models, page.used, sanitizeState));
  return `\n<script type="application/vnd.jupyter.widget-state+json">${state}</script>`;
}

/** Feeds run no script: the widgets' data comes out, the stand-ins stay. */
export function withoutWidgetScripts(pageHtml: string): string {
  return pageHtml.replace(/<script type="application\/vnd\.jupyter\.widget-(?:view|state)\+json">[^<]*<\/script>/g, '');
}
