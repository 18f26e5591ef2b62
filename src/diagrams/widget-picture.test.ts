// Pictures of widgets through the diagram stage, on the fixture saved with widget state: each
// live view drawn once in the offline browser (SVG wrapping a 2× PNG, and its PNG twin); out of
// time, or with no browser, a warning naming branch, file and cell, and no picture.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import sharp from 'sharp';
import { parseNotebook } from '../notebook/parse.js';
import { withChromium } from '../../test/support/env.js';
import { collectDiagrams } from './collect.js';
import { drawDiagrams } from './stage.js';

const bytes = readFileSync(new URL('../../test/fixtures/widgets/widgets.ipynb', import.meta.url));
const notebook = parseNotebook({ branch: 'main', path: 'widgets.ipynb', bytes }).notebook!;
const items = [{ branch: 'main', path: 'widgets.ipynb', notebook }];
const widgets = collectDiagrams(notebook).filter((d) => d.kind === 'ipywidget');

test('each live widget view is collected once, with the state it needs (the view without state is not)', () => {
  assert.equal(
    widgets.map((w) => w.cell),
    [1, 2, 3],
  );
  const box = JSON.parse(widgets[2]!.source) as { model_id: string; state: { state: Record<string, unknown> } };
  assert.is(
    Object.keys(box.state.state).length,
    8,
    'the box and its layout; its button and label, each with a layout and a style',
  );
});

test('drawn in the browser: an SVG of the widget as a PNG, and the PNG twin at twice its size', async () => {
  const result = await drawDiagrams(items, { keepBrowser: false });
  assert.equal(result.diagnostics, []);
  assert.is(result.stats.byKind.ipywidget?.count, 3);
  const slider = result.lookup.get('ipywidget', widgets[0]!.source);
  assert.ok(slider?.ok);
  if (!slider?.ok) return;
  const { width, height, assets } = slider.image;
  assert.ok(width > 200 && width <= 1000 && height > 10 && height < 200, `${width}×${height}`);
  const svg = new TextDecoder().decode(assets.find((a) => a.name === slider.image.svg)!.bytes);
  const inner = Buffer.from(/href="data:image\/png;base64,([^"]+)"/.exec(svg)?.[1] ?? '', 'base64');
  assert.equal(
    await sharp(inner)
      .metadata()
      .then((m) => [m.width, m.height]),
    [width * 2, height * 2],
  );
  const png = await sharp(assets.find((a) => a.name === slider.image.png)!.bytes).stats();
  assert.ok(
    png.channels.some((c) => c.min < 128),
    'something dark is drawn (the value, the label)',
  );
});

test('out of time, or with no browser: a warning naming the cell, and no picture', async () => {
  const slow = await drawDiagrams(items, { timeoutMs: 1 });
  assert.is(slow.diagnostics.length, 3);
  assert.equal(slow.diagnostics[0], {
    rule: 'diagram-timeout',
    severity: 'warning',
    branch: 'main',
    path: 'widgets.ipynb',
    cell: 1,
    message: 'Picture of a widget could not be drawn: it took longer than the 0.001 s time limit',
    hint: slow.diagnostics[0]!.hint,
  });
  const none = await withChromium('/nonexistent/chromium', () => drawDiagrams(items));
  assert.equal(
    none.diagnostics.map((d) => d.rule),
    ['diagram-no-browser'],
  );
  assert.is(none.lookup.get('ipywidget', widgets[0]!.source), undefined);
});

test.run();
