import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Cell, Notebook, Output } from '../types.js';
import { createRenderContext } from './context.js';
import { cellWith, fixtureEnv, parseFixture } from '../../test/support/render-fixtures.js';
import { renderNotebook } from './notebook.js';
import { withoutWidgetScripts } from './widgets.js';
import { cellAnchor } from './sink.js';

const bytes = (name: string) => readFileSync(new URL(`../../test/fixtures/render/${name}`, import.meta.url));
const load = (name: string) => parseFixture(bytes(name), name).nb;
const renderModel = async (nb: Notebook, name: string, language: string) => {
  const out = renderNotebook(nb, fixtureEnv(name, language), await createRenderContext());
  return { nb, out, doc: JSDOM.fragment(out.html) };
};
const render = async (name: string) => {
  const { nb, language } = parseFixture(bytes(name), name);
  return renderModel(nb, name, language);
};

/** Anything a browser could run: script elements, event handlers, javascript: URLs, frames. */
function executableContent(html: string): string[] {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  const found: string[] = [];
  for (const el of doc.querySelectorAll('script, iframe, object, embed, frame, base, meta, link, form'))
    found.push(el.outerHTML.slice(0, 80));
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
      if (
        /^\s*(javascript|vbscript|data:text\/html)/i.test(attr.value) &&
        /^(href|src|srcset|action|formaction|xlink:href|data-png)$/i.test(attr.name)
      )
        found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  return found;
}

const Structure = suite('renderNotebook structure');

Structure('an <article class="notebook"> of cell sections; headings collected once per notebook', async () => {
  const { out, doc } = await render('../real/mystmd-interactive-notebooks.ipynb');
  assert.match(out.html, /^<article class="notebook">/);
  assert.ok(doc.querySelectorAll('article.notebook > section.cell').length > 10);
  const ids = out.headings.map((h) => h.id);
  assert.equal(new Set(ids).size, ids.length, 'heading ids are unique');
  assert.ok(out.headings.some((h) => h.text === 'Static images' && h.level === 3));
  assert.ok(
    out.headings.every((h) => doc.getElementById(h.id)),
    'every heading id is in the HTML',
  );
});

Structure('same input, byte-identical output', async () => {
  const a = await render('../real/mystmd-interactive-notebooks.ipynb');
  const b = await render('../real/mystmd-interactive-notebooks.ipynb');
  assert.is(a.out.html, b.out.html);
  assert.equal(
    a.out.assets.map((x) => x.name),
    b.out.assets.map((x) => x.name),
  );
  assert.equal(a.out.headings, b.out.headings);
});

Structure('a cell that throws becomes an error box and a render-cell-failed diagnostic; the rest renders', async () => {
  const nb = load('streams.ipynb');
  const broken = { ...nb.cells[1], outputs: [null as unknown as Output] } as Cell;
  const bad: Notebook = { ...nb, cells: [nb.cells[0] as Cell, broken, ...nb.cells.slice(2)] };
  const out = renderNotebook(bad, fixtureEnv('s.ipynb'), await createRenderContext());
  const doc = JSDOM.fragment(out.html);
  assert.match(doc.querySelector('#cell-c02 .cell-error')?.textContent ?? '', /^This cell could not be rendered: /);
  assert.ok(doc.querySelector('#cell-c03 pre.stdout'), 'later cells still render');
  const d = out.diagnostics.find((x) => x.rule === 'render-cell-failed');
  assert.ok(d);
  assert.equal([d.branch, d.path, d.cell, d.severity], ['main', 's.ipynb', 1, 'error']);
});

const Real = suite('real notebooks');

Real(
  'mystmd: PNG figure asset equals its base64, altair HTML falls back to text with the note, tags honoured',
  async () => {
    const { nb, out, doc } = await render('../real/mystmd-interactive-notebooks.ipynb');
    const raw = JSON.parse(bytes('../real/mystmd-interactive-notebooks.ipynb').toString('utf8')) as {
      cells: { outputs?: { data?: Record<string, string[] | string> }[] }[];
    };
    const b64 = ([] as string[]).concat(raw.cells[6]?.outputs?.[0]?.data?.['image/png'] ?? []).join('');
    const png = out.assets.find((a) => a.mime === 'image/png');
    assert.ok(png);
    assert.equal(png.bytes, new Uint8Array(Buffer.from(b64, 'base64')));
    assert.is(out.firstImage, png.name);
    const figure = doc.querySelector(`#${cellAnchor(cellWith(nb, 'ax.scatter').id)} img`);
    assert.is(figure?.getAttribute('src'), `_assets/${png.name}`);
    const altair = doc.querySelector(`#${cellAnchor(cellWith(nb, 'points & bars').id)}`);
    assert.is(altair?.querySelector('.output-note')?.textContent, 'Interactive output shown as static text');
    assert.is(altair?.querySelector('pre.output-text')?.textContent, 'alt.VConcatChart(...)');
    assert.ok(
      doc.querySelector(`#${cellAnchor(cellWith(nb, 'data.cars().iloc').id)} .output-html table.dataframe`),
      'pandas table kept',
    );
    assert.is(
      doc.querySelector(`#${cellAnchor(cellWith(nb, 'A text output with no input').id)} .cell-input`),
      null,
      'remove-input',
    );
    assert.is(
      doc.querySelector(`#${cellAnchor(cellWith(nb, 'The input of a cell with no output').id)} .cell-outputs`),
      null,
      'remove-output',
    );
    assert.is(doc.querySelector(`#${cellAnchor(cellWith(nb, 'THIS IS ONLY FOR DEVELOPERS').id)}`), null, 'remove-cell');
    assert.not.match(out.html, /Removed cell/);
    assert.equal(executableContent(out.html), []);
  },
);

Real('nbclient and matplotlib: widgets, JavaScript, SVG, errors, inline images, unicode', async () => {
  const widgets = await render('../real/nbclient-jupyterwidgets.ipynb');
  // Its state was saved, but of other models than the one its output shows.
  assert.is(
    widgets.doc.querySelector('.output-note')?.textContent,
    'Interactive widget: no saved state for it. Run the notebook in Binder to use it.',
  );
  assert.is(widgets.doc.querySelector('pre.output-text')?.textContent, "Label(value='Hello World')");
  const output = await render('../real/nbclient-output.ipynb');
  // nbclient saved the state of its Output widgets: all seven are live, none is a note.
  assert.is(output.doc.querySelectorAll('.output-note').length, 0);
  assert.is(
    output.doc.querySelectorAll('.output-widget > script[type="application/vnd.jupyter.widget-view+json"]').length,
    7,
  );
  const svg = await render('../real/nbclient-svg.ipynb');
  assert.equal(
    svg.out.assets.map((a) => a.mime),
    ['image/svg+xml'],
  );
  assert.match(new TextDecoder().decode(svg.out.assets[0]?.bytes), /<circle/);
  const img = svg.doc.querySelector('img');
  assert.equal([img?.getAttribute('width'), img?.getAttribute('height')], ['100', '100']);
  const error = await render('../real/nbclient-error.ipynb');
  assert.is(error.doc.querySelector('.error-header')?.textContent, 'ZeroDivisionError: division by zero');
  assert.ok(error.doc.querySelector('pre.output-error .ansi-red-fg'));
  const inline = await render('../real/nbclient-inline-image.ipynb');
  assert.equal(
    inline.out.assets.map((a) => a.mime),
    ['image/png'],
  );
  assert.equal([...(inline.out.assets[0]?.bytes.slice(0, 4) ?? [])], [137, 80, 78, 71]);
  const unicode = await render('../real/nbclient-unicode.ipynb');
  assert.is(unicode.doc.querySelector('pre.stdout')?.textContent, '\u2603\n');
  const mpl = await render('../real/matplotlib-test-nbagg-01.ipynb');
  assert.is(mpl.doc.querySelector('.output-note')?.textContent, 'Interactive output shown as static text');
  assert.ok(mpl.doc.querySelector('.output-html img'), 'the HTML output with its data: PNG');
  // The site's own widget scripts (the live Output widgets' state, loader and bundle) aside.
  for (const r of [widgets, output, svg, error, inline, unicode, mpl])
    assert.equal(executableContent(withoutWidgetScripts(r.out.html)), []);
});

Real('renders fast: the mystmd notebook 20 times in well under a second each', async () => {
  const nb = load('../real/mystmd-interactive-notebooks.ipynb');
  const ctx = await createRenderContext();
  const env = fixtureEnv('x.ipynb');
  renderNotebook(nb, env, ctx);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) renderNotebook(nb, env, ctx);
  const each = (performance.now() - t0) / 20;
  assert.ok(each < 250, `${each.toFixed(1)} ms per render`);
});

const Hostile = suite('hostile notebook');

Hostile('renders with no executable content anywhere', async () => {
  const { out, doc } = await render('hostile.ipynb');
  assert.equal(executableContent(out.html), []);
  assert.is(doc.querySelectorAll('script').length, 0);
  assert.is(doc.querySelectorAll('iframe').length, 0);
  const img = [...doc.querySelectorAll('.output-image img')].find((i) => i.getAttribute('src')?.endsWith('.png'));
  assert.ok(img);
  assert.is(img.getAttribute('width'), null);
  assert.is(img.getAttribute('height'), null);
  assert.is(img.getAttribute('alt'), '"><script>alert(1)</script>');
});

Hostile('tags, ids and the language name stay inert text; the code is shown as text', async () => {
  const { nb, language } = parseFixture(bytes('hostile.ipynb'), 'hostile.ipynb');
  assert.match(language, /script/, 'the hostile kernel language reaches the renderer');
  // The parser replaces invalid cell ids; the renderer must not rely on that.
  const cells = nb.cells.map((c) => (c.tags.includes('hide-input') ? { ...c, id: 'x"><script>alert(1)</script>' } : c));
  const { out, doc } = await renderModel({ ...nb, cells }, 'hostile.ipynb', language);
  assert.equal(executableContent(out.html), []);
  const section = doc.querySelector('section.cell-code');
  assert.is(section?.id, 'cell-x"><script>alert(1)</script>');
  assert.is(section?.querySelector('.cell-input pre')?.className, 'shiki plain');
  assert.is(section?.querySelector('.cell-input pre')?.textContent, '</code></pre><script>alert(1)</script>');
  assert.ok(section?.querySelector(':scope > details.hidden-cell'), 'hide-input still works next to a hostile tag');
  assert.is(doc.querySelector('pre.stdout')?.textContent, '</pre><script>alert(1)</script>\n');
  assert.is(doc.querySelector('.error-name')?.textContent, '<img src=x onerror=alert(1)>');
  assert.match(doc.querySelector('.output-json')?.textContent ?? '', /<\/script><script>alert\(1\)<\/script>/);
  assert.is(doc.querySelector('.output-html p')?.textContent, 'Hello');
});

Hostile('the SVG asset is sanitized and only ever referenced by <img>', async () => {
  const { out, doc } = await render('hostile.ipynb');
  const svg = out.assets.find((a) => a.mime === 'image/svg+xml');
  assert.ok(svg);
  const text = new TextDecoder().decode(svg.bytes);
  assert.not.match(text, /<script|onload|onclick|alert/i);
  assert.match(text, /<rect/);
  assert.ok(doc.querySelector(`img[src="_assets/${svg.name}"]`));
  assert.is(doc.querySelectorAll('svg').length, 0);
});

Structure.run();
Real.run();
Hostile.run();
