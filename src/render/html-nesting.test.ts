import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { parseNotebook } from '../notebook/parse.js';
import { notebookJson } from '../../test/support/git-repo.js';
import { createRenderContext } from './context.js';
import { fixtureEnv } from '../../test/support/render-fixtures.js';
import { renderNotebook } from './notebook.js';
import { htmlNesting, MAX_HTML_NESTING, sanitizeHtml } from './sanitize.js';

test('htmlNesting: elements as a parser would nest them, voids, comments and script text aside', () => {
  assert.is(htmlNesting('<div><p>a<br><img src="x.png"></p><p>b</p></div>'), 2);
  assert.is(htmlNesting('<b><b><b>unclosed'), 3);
  assert.is(htmlNesting('<!-- <div><div><div> --><span>x</span>'), 1);
  assert.is(htmlNesting('<script>"<div><div>"</script><i>x</i><br/>'), 1);
  assert.is(htmlNesting('<a title="<b><b>">x</a>'), 1);
  assert.is(htmlNesting('<div>'.repeat(100_000)), MAX_HTML_NESTING + 1, 'stops once past the limit');
});

test('sanitizeHtml: HTML nested past the limit is shown as its source, at once', () => {
  // On the old code each of these took from 6 s to minutes in the HTML parser.
  const hostile = [
    `${'<b>'.repeat(4000)}<p>x`,
    `${'<table><tr><td>'.repeat(3000)}x`,
    `<style>#a{}</style>${'<div>'.repeat(50_000)}`,
  ];
  for (const html of hostile) {
    let heard = 0;
    const out = sanitizeHtml(html, { tooDeep: (depth) => (heard = depth) });
    assert.ok(heard > MAX_HTML_NESTING);
    const doc = JSDOM.fragment(out);
    assert.is(doc.children.length, 1);
    assert.is(doc.firstElementChild?.localName, 'pre');
    assert.ok((doc.textContent ?? '').startsWith(html.slice(0, 20)));
  }
  // Real outputs nest far less, and are sanitized as before.
  const katexLike = `<span class="katex">${'<span>'.repeat(60)}x${'</span>'.repeat(61)}`;
  assert.match(sanitizeHtml(katexLike, { tooDeep: () => assert.unreachable('not too deep') }), /^<span class="katex">/);
});

test('a notebook with deeply nested HTML: a warning names the cell, the other cells render', async () => {
  const cells = [
    { cell_type: 'markdown', source: '# Tables' },
    {
      cell_type: 'code',
      source: 'HTML(t)',
      execution_count: 1,
      outputs: [{ output_type: 'display_data', metadata: {}, data: { 'text/html': '<table><tr><td>'.repeat(2000) } }],
    },
    { cell_type: 'markdown', source: `<div>${'<b>'.repeat(1000)}bold</div>\n\nAfter.` },
    {
      cell_type: 'code',
      source: 'print(1)',
      execution_count: 2,
      outputs: [{ output_type: 'stream', name: 'stdout', text: '1\n' }],
    },
  ];
  const parsed = parseNotebook({
    branch: 'main',
    path: 'deep.ipynb',
    bytes: new TextEncoder().encode(notebookJson(cells)),
  });
  const out = renderNotebook(parsed.notebook!, fixtureEnv('deep.ipynb'), await createRenderContext());
  const deep = out.diagnostics.filter((d) => d.rule === 'html-too-deep');
  assert.equal(
    deep.map((d) => d.cell),
    [1, 2],
  );
  assert.match(deep[0]!.message, /^The text\/html output of cell 2 \(cell-1\) nests HTML elements over 512 deep/);
  const doc = JSDOM.fragment(out.html);
  assert.ok(doc.querySelector('#cell-1 pre.html-source'));
  assert.match(doc.querySelector('#cell-3')?.textContent ?? '', /1/);
});

test.run();
