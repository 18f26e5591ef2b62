import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Notebook } from '../types.js';
import { renderWidgetView, widgetPageOf, widgetState, withoutWidgetScripts } from './widgets.js';
import { MAX_WIDGET_STATE, WIDGET_STATE_MIME, WIDGET_VIEW_MIME } from './widgets-state.js';

const label = {
  model_name: 'LabelModel',
  model_module: '@jupyter-widgets/controls',
  model_module_version: '2.0.0',
  state: { value: 'hi', layout: 'IPY_MODEL_lay' },
};
const layout = {
  model_name: 'LayoutModel',
  model_module: '@jupyter-widgets/base',
  model_module_version: '2.0.0',
  state: {},
};
const nb = (widgets?: object): Notebook =>
  ({
    cells: [],
    metadata: widgets
      ? { widgets: { [WIDGET_STATE_MIME]: { version_major: 2, version_minor: 0, state: widgets } } }
      : {},
  }) as unknown as Notebook;
const env = (path: string) => ({
  branch: 'main',
  path,
  language: 'python',
  urlFor: () => undefined,
  assetUrl: (n: string) => `${'../'.repeat(path.split('/').length - 1)}_assets/${n}`,
});
const data = (id: string) => ({
  [WIDGET_VIEW_MIME]: { version_major: 2, version_minor: 0, model_id: id },
  'text/plain': 'Label(value="hi")',
});

test('a view with saved state is live: its stand-in, its view script, and the page ends with the state and the scripts', () => {
  const page = widgetPageOf(nb({ l: label, lay: layout, other: label }));
  const shown = renderWidgetView(data('l'), page, '<pre>Label</pre>');
  assert.ok(shown && 'live' in shown);
  if (shown && 'live' in shown)
    assert.is(
      shown.live,
      `<div class="output-widget"><div class="widget-static"><pre>Label</pre></div><script type="${WIDGET_VIEW_MIME}">{"version_major":2,"version_minor":0,"model_id":"l"}</script></div>`,
    );
  assert.equal([...page.used].sort(), ['l', 'lay'], 'only the models the view needs');
  const scripts = widgetState(page);
  assert.match(scripts, /^\n<script type="application\/vnd\.jupyter\.widget-state\+json">\{[^<]*\}<\/script>$/);
  assert.not.match(scripts, /<script src=/, "the loader and bundle are the page's scripts (in its head)");
  assert.not.match(scripts, /"other"/);
  assert.is(
    withoutWidgetScripts(`<p>x</p>${shown && 'live' in shown ? shown.live : ''}${scripts}`),
    '<p>x</p><div class="output-widget"><div class="widget-static"><pre>Label</pre></div></div>\n',
  );
});

test('views that cannot be live get a note on why; pages without live views get no script', () => {
  const noState = widgetPageOf(nb());
  assert.equal(renderWidgetView(data('l'), noState, undefined), {
    note: '<p class="output-note">Interactive widget: the notebook was saved without widget state. Run it in Binder to use it.</p>',
  });
  assert.is(widgetState(noState), '');
  const missing = widgetPageOf(nb({ l: { ...label, state: { layout: 'IPY_MODEL_gone' } } }));
  assert.match(JSON.stringify(renderWidgetView(data('l'), missing, undefined)), /no saved state for it/);
  assert.is(widgetState(missing), '');
  assert.is(renderWidgetView({ 'text/plain': 'x' }, missing, undefined), undefined, 'not a widget');
  assert.is(renderWidgetView({ [WIDGET_VIEW_MIME]: { model_id: 7 } }, missing, undefined), undefined, 'no model id');
});

test('saved state over the limit: every view shows its note, one warning a notebook at the first', () => {
  const big = { ...label, state: { value: 'x'.repeat(MAX_WIDGET_STATE) } };
  const page = widgetPageOf(nb({ l: big, lay: layout }));
  const reported: object[] = [];
  const target = (cell: number) => ({
    diagrams: { get: () => undefined },
    sink: { addAsset: () => '', report: (d: object) => reported.push(d) },
    env: env('a.ipynb'),
    cell,
  });
  for (const cell of [2, 5])
    assert.match(JSON.stringify(renderWidgetView(data('l'), page, undefined, target(cell))), /larger than 4 MB/);
  assert.is(widgetState(page), '');
  assert.equal(
    reported.map((d) => [(d as { rule: string }).rule, (d as { cell: number }).cell]),
    [['widget-state-too-large', 2]],
  );
});

test.run();
