import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sanitizeHtml } from './sanitize.js';
import {
  modelsOfView,
  pageState,
  readWidgetModels,
  scriptJson,
  viewModelId,
  WIDGET_STATE_MIME,
} from './widgets-state.js';

/** The state nbclient saved for a real notebook of Output widgets (ipywidgets 7). */
const real = JSON.parse(
  readFileSync(new URL('../../test/fixtures/real/nbclient-output.ipynb', import.meta.url), 'utf8'),
) as { metadata: Record<string, unknown> };

const model = (name: string, module: string, state: object) => ({
  model_name: name,
  model_module: module,
  model_module_version: '2.0.0',
  state,
});
const metadata = (state: object, version = 2) => ({
  widgets: { [WIDGET_STATE_MIME]: { version_major: version, version_minor: 0, state } },
});

test('reads the models nbclient saved; no state, another version or malformed models read as none', () => {
  const models = readWidgetModels(real.metadata);
  assert.is(models.size, 42);
  assert.is(models.get('01ea355e26484c13b1caaaf6d29ac0f2')?.model_name, 'OutputModel');
  assert.is(readWidgetModels({}).size, 0);
  assert.is(readWidgetModels(metadata({ a: model('LabelModel', '@jupyter-widgets/controls', {}) }, 1)).size, 0);
  assert.is(readWidgetModels(metadata({ a: { model_name: 'LabelModel' }, b: 'x', c: null })).size, 0);
});

test('a view id from an object or its JSON text', () => {
  assert.is(viewModelId({ model_id: 'abc', version_major: 2 }), 'abc');
  assert.is(viewModelId('{"model_id":"abc"}'), 'abc');
  for (const bad of [{}, { model_id: 3 }, { model_id: '' }, 'not json', null, []])
    assert.is(viewModelId(bad), undefined);
});

test('a view needs its model and every model it refers to, all of ipywidgets itself', () => {
  const models = readWidgetModels(
    metadata({
      box: model('VBoxModel', '@jupyter-widgets/controls', {
        children: ['IPY_MODEL_b', 'IPY_MODEL_l'],
        layout: 'IPY_MODEL_lay',
      }),
      b: model('ButtonModel', '@jupyter-widgets/controls', { layout: 'IPY_MODEL_lay' }),
      l: model('LabelModel', '@jupyter-widgets/controls', {}),
      lay: model('LayoutModel', '@jupyter-widgets/base', {}),
      loop: model('VBoxModel', '@jupyter-widgets/controls', { children: ['IPY_MODEL_loop'] }),
      gone: model('VBoxModel', '@jupyter-widgets/controls', { children: ['IPY_MODEL_nowhere'] }),
      map: model('MapModel', 'jupyter-leaflet', {}),
      inmap: model('HBoxModel', '@jupyter-widgets/controls', { children: ['IPY_MODEL_map'] }),
      foreignView: model('LabelModel', '@jupyter-widgets/controls', { _view_module: 'my-views' }),
    }),
  );
  const reach = modelsOfView(models, 'box');
  assert.ok(reach.ok);
  if (reach.ok) assert.equal([...reach.ids].sort(), ['b', 'box', 'l', 'lay']);
  assert.equal(modelsOfView(models, 'loop'), { ok: true, ids: ['loop'] });
  assert.equal(modelsOfView(models, 'gone'), { ok: false, missing: 'nowhere' });
  assert.equal(modelsOfView(models, 'inmap'), { ok: false, module: 'jupyter-leaflet' });
  assert.equal(modelsOfView(models, 'foreignView'), { ok: false, module: 'my-views' });
  assert.equal(modelsOfView(models, 'nothing'), { ok: false, missing: 'nothing' });
});

test('the page state: HTML values and descriptions sanitized, Output widgets text only, plain text untouched', () => {
  const payload = '<img src=x onerror=alert(1)><b>bold</b>';
  const models = readWidgetModels(
    metadata({
      h: model('HTMLModel', '@jupyter-widgets/controls', { value: payload, description: payload }),
      m: model('HTMLMathModel', '@jupyter-widgets/controls', { value: '<script>alert(1)</script>$x$' }),
      t: model('LabelModel', '@jupyter-widgets/controls', { value: 'a & b <c>', description: 'a & b' }),
      d: model('DropdownModel', '@jupyter-widgets/controls', {
        _options_labels: ['<img src=x onerror=alert(1)>', 'plain & simple'],
      }),
      o: model('OutputModel', '@jupyter-widgets/output', {
        outputs: [
          { output_type: 'stream', name: 'stdout', text: 'hi\n' },
          {
            output_type: 'display_data',
            data: {
              'text/html': '<script>alert(1)</script>',
              'application/javascript': 'alert(1)',
              'text/plain': 'shown',
            },
          },
          { output_type: 'display_data', data: { 'text/html': '<b>no text</b>' } },
          { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['line 1', 2], extra: '<script>' },
        ],
      }),
      unused: model('LabelModel', '@jupyter-widgets/controls', { value: 'not on the page' }),
    }),
  );
  const page = pageState(models, ['h', 'm', 't', 'd', 'o'], (v) => sanitizeHtml(v)) as {
    version_major: number;
    state: Record<string, { state: Record<string, unknown> }>;
  };
  assert.is(page.version_major, 2);
  assert.equal(Object.keys(page.state), ['d', 'h', 'm', 'o', 't']);
  assert.is(page.state.h?.state.value, '<img src="x"><b>bold</b>');
  assert.is(page.state.h?.state.description, '<img src="x"><b>bold</b>');
  assert.is(page.state.m?.state.value, '$x$');
  assert.is(page.state.t?.state.value, 'a & b <c>', 'a label value is text');
  assert.is(page.state.t?.state.description, 'a & b', 'text without a tag is left alone');
  assert.equal(page.state.d?.state._options_labels, ['<img src="x">', 'plain & simple']);
  assert.equal(page.state.o?.state.outputs, [
    { output_type: 'stream', name: 'stdout', text: 'hi\n' },
    { output_type: 'display_data', metadata: {}, data: { 'text/plain': 'shown' } },
    { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['line 1', '2'] },
  ]);
});

test('script JSON cannot end its script nor open a comment, and reads back the same', () => {
  const value = { a: '</script><script>alert(1)</script>', b: '<!-- x -->', c: 'a & b \u2028 \u2029' };
  const text = scriptJson(value);
  assert.not.match(text, /<|>|\u2028|\u2029/);
  assert.equal(JSON.parse(text), value);
});

test.run();
