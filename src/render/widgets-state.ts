// Saved ipywidgets state (`metadata.widgets`, @jupyter-widgets/schema v2) read as data: which
// widget views can be shown live, and the state a page carries for them. Only the core modules,
// which the site's widget bundle holds, are kept: a model of any other package would make the
// widget manager fetch that package's code from a CDN. Strings the widget views insert as HTML
// are sanitized here, at build time; the page's Content-Security-Policy is the second wall.
import type { JsonObject } from '../types.js';

export const WIDGET_VIEW_MIME = 'application/vnd.jupyter.widget-view+json';
export const WIDGET_STATE_MIME = 'application/vnd.jupyter.widget-state+json';

/** The modules of ipywidgets itself (7 and 8), all inside @jupyter-widgets/html-manager's bundle. */
const CORE_MODULES: ReadonlySet<string> = new Set([
  '@jupyter-widgets/base',
  '@jupyter-widgets/controls',
  '@jupyter-widgets/output',
]);

/** Saved state larger than this is not carried by the page (a widget holding a dataset). */
export const MAX_WIDGET_STATE = 4_000_000;

export interface WidgetModel {
  readonly model_name: string;
  readonly model_module: string;
  readonly model_module_version: string;
  readonly state: Readonly<Record<string, unknown>>;
  readonly buffers?: readonly unknown[];
}

export type WidgetModels = ReadonlyMap<string, WidgetModel>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function readModel(value: unknown): WidgetModel | undefined {
  if (!isObject(value) || !isObject(value.state)) return undefined;
  const { model_name, model_module, model_module_version } = value;
  if (typeof model_name !== 'string' || typeof model_module !== 'string' || typeof model_module_version !== 'string')
    return undefined;
  const buffers = Array.isArray(value.buffers) ? { buffers: value.buffers } : {};
  return { model_name, model_module, model_module_version, state: value.state, ...buffers };
}

/** The saved models of a notebook by id; empty when it saved none (or not in schema v2's shape). */
export function readWidgetModels(metadata: JsonObject): WidgetModels {
  const widgets = metadata.widgets;
  const saved = isObject(widgets) ? widgets[WIDGET_STATE_MIME] : undefined;
  const models = new Map<string, WidgetModel>();
  if (!isObject(saved) || saved.version_major !== 2 || !isObject(saved.state)) return models;
  for (const [id, value] of Object.entries(saved.state)) {
    const model = readModel(value);
    if (model) models.set(id, model);
  }
  return models;
}

/** The model id of a widget-view output value (an object, or its JSON text). */
export function viewModelId(value: unknown): string | undefined {
  let view = value;
  if (typeof value === 'string') {
    try {
      view = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return isObject(view) && typeof view.model_id === 'string' && view.model_id !== '' ? view.model_id : undefined;
}

/** Model ids a state refers to (`"IPY_MODEL_<id>"` anywhere in it: children, layout, style, links). */
function references(state: unknown): string[] {
  const found: string[] = [];
  const stack: unknown[] = [state];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string' && item.startsWith('IPY_MODEL_')) found.push(item.slice('IPY_MODEL_'.length));
    else if (Array.isArray(item)) stack.push(...item);
    else if (isObject(item)) stack.push(...Object.values(item));
  }
  return found;
}

const isCore = (m: WidgetModel): boolean =>
  CORE_MODULES.has(m.model_module) &&
  (typeof m.state._view_module !== 'string' || CORE_MODULES.has(m.state._view_module));

export type Reach =
  | { readonly ok: true; readonly ids: readonly string[] }
  | { readonly ok: false; readonly missing?: string; readonly module?: string };

/** The models a view needs (its model and every model it refers to), or what stops it being live. */
export function modelsOfView(models: WidgetModels, rootId: string): Reach {
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    const model = models.get(id);
    if (!model) return { ok: false, missing: id };
    if (!isCore(model))
      return {
        ok: false,
        module: CORE_MODULES.has(model.model_module) ? String(model.state._view_module) : model.model_module,
      };
    seen.add(id);
    stack.push(...references(model.state));
  }
  return { ok: true, ids: [...seen] };
}

/** A model's state with the strings its view inserts as HTML made safe. */
function safeState(model: WidgetModel, sanitize: (html: string) => string): Record<string, unknown> {
  const state: Record<string, unknown> = { ...model.state };
  // Text without a tag is left alone: a view that sets it as text would show `&amp;` for `&`.
  const clean = (v: unknown): unknown => (typeof v === 'string' && v.includes('<') ? sanitize(v) : v);
  // ipywidgets 7 descriptions are innerHTML; 8's are when `description_allow_html`.
  state.description = clean(state.description);
  if (/^HTML(Math)?Model$/.test(model.model_name)) state.value = clean(state.value);
  if (model.model_name === 'OutputModel') state.outputs = textOutputs(state.outputs);
  if (Array.isArray(state._options_labels)) state._options_labels = state._options_labels.map(clean);
  for (const key of Object.keys(state)) if (state[key] === undefined) delete state[key];
  return state;
}

/** An Output widget's outputs as text only (streams, errors, text reprs): HTML, JavaScript and the rest are left out. */
function textOutputs(outputs: unknown): unknown[] {
  if (!Array.isArray(outputs)) return [];
  return outputs.flatMap((o): unknown[] => {
    if (!isObject(o)) return [];
    if (o.output_type === 'stream')
      return [{ output_type: 'stream', name: o.name === 'stderr' ? 'stderr' : 'stdout', text: o.text }];
    if (o.output_type === 'error')
      return [
        {
          output_type: 'error',
          ename: String(o.ename),
          evalue: String(o.evalue),
          traceback: Array.isArray(o.traceback) ? o.traceback.map(String) : [],
        },
      ];
    const text = isObject(o.data) ? o.data['text/plain'] : undefined;
    return text === undefined ? [] : [{ output_type: 'display_data', metadata: {}, data: { 'text/plain': text } }];
  });
}

/** The state a page carries for the models `ids`, in schema v2's shape. */
export function pageState(models: WidgetModels, ids: Iterable<string>, sanitize: (html: string) => string): object {
  const state: Record<string, unknown> = {};
  for (const id of [...ids].sort()) {
    const model = models.get(id);
    if (!model) continue;
    const { model_name, model_module, model_module_version, buffers } = model;
    state[id] = {
      model_name,
      model_module,
      model_module_version,
      state: safeState(model, sanitize),
      ...(buffers ? { buffers } : {}),
    };
  }
  return { version_major: 2, version_minor: 0, state };
}

/** JSON for an inert `<script type="application/…json">`: no `<` (so no `</script` nor `<!--`), no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
