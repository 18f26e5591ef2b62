import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHtml } from '../../test/support/assert-inert.js';
import { fixtureEnv } from '../../test/support/render-fixtures.js';
import { createRenderContext } from './context.js';
import { anchorMap, jupyterAnchor, mapJupyterAnchors, mapPageAnchors } from './jupyter-anchors.js';
import { renderNotebook } from './notebook.js';
import { parseNotebook } from '../notebook/parse.js';

const Anchors = suite('Jupyter-style heading links');

Anchors('the anchor Jupyter names: spaces as dashes, case and punctuation kept', () => {
  assert.is(jupyterAnchor('  Fit: part 2 '), 'Fit:-part-2');
  assert.is(jupyterAnchor('Café au lait'), 'Café-au-lait');
});

Anchors('links to Jupyter-style anchors in a real notebook point at our heading ids', async () => {
  const source = {
    cells: [
      {
        cell_type: 'markdown',
        metadata: {},
        source:
          '# Linear Models\n\nSee [the fit](#Fit:-part-2), [the café](#Caf%C3%A9-au-lait), [ours](#fit-part-2) and [nothing](#Missing-Part).',
      },
      { cell_type: 'markdown', metadata: {}, source: '## Fit: part 2\n\nText.\n\n## Café au lait\n\nMore.' },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  const parsed = parseNotebook({
    branch: 'main',
    path: 'models.ipynb',
    bytes: new TextEncoder().encode(JSON.stringify(source)),
  });
  const out = renderNotebook(parsed.notebook!, fixtureEnv('models.ipynb'), await createRenderContext());
  const doc = parseHtml(out.html);
  const hrefs = [...doc.querySelectorAll('p a')].map((a) => a.getAttribute('href'));
  const ids = new Set([...doc.querySelectorAll('[id]')].map((e) => e.id));
  assert.equal(hrefs, ['#fit-part-2', '#café-au-lait', '#fit-part-2', '#Missing-Part']);
  for (const href of hrefs.slice(0, 3))
    assert.ok(ids.has(decodeURIComponent(href!.slice(1))), `${href} names an element of the page`);
});

Anchors('ids that already match, and pages without headings, are left alone', () => {
  const html = '<h2 id="Intro">Intro</h2><a href="#Intro">x</a>';
  assert.is(mapJupyterAnchors(html, [{ level: 2, text: 'Intro', id: 'Intro' }]), html);
  assert.is(mapJupyterAnchors('<a href="#A-B">x</a>', []), '<a href="#A-B">x</a>');
});

Anchors('links to another page map to its ids; other pages, ids already right and unknown anchors stay', () => {
  const b = anchorMap([
    { level: 2, text: 'Section Two', id: 'section-two' },
    { level: 2, text: 'Café au lait', id: 'café-au-lait' },
  ]);
  const html = [
    '<a href="b.html#Section-Two">1</a>',
    '<a href="b.html#Caf%C3%A9-au-lait">2</a>',
    '<a href="b.html?x=1&amp;y=2#Section-Two">3</a>',
    '<a href="b.html#section-two">4</a>',
    '<a href="b.html#Other">5</a>',
    '<a href="c.html#Section-Two">6</a>',
    '<a href="#Section-Two">7</a>',
    '<a href="https://example.org/b.html#Section-Two">8</a>',
  ].join('');
  const out = parseHtml(mapPageAnchors(html, new Map([['b.html', b]])));
  assert.equal(
    [...out.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    [
      'b.html#section-two',
      'b.html#café-au-lait',
      'b.html?x=1&y=2#section-two',
      'b.html#section-two',
      'b.html#Other',
      'c.html#Section-Two',
      '#Section-Two',
      'https://example.org/b.html#Section-Two',
    ],
  );
});

Anchors.run();
