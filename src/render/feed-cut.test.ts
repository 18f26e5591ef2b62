import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { code, md, notebookJson } from '../../test/support/git-repo.js';
import { createRenderContext } from './context.js';
import { FEED_HEAD_CHARS, FEED_OUTPUT_LIMIT, FEED_OUTPUTS_LIMIT, headOf } from './feed-cut.js';
import { fixtureEnv, parseFixture } from '../../test/support/render-fixtures.js';
import { renderNotebook } from './notebook.js';

const ctx = await createRenderContext();
const render = (cells: object[]) => {
  const { nb, language } = parseFixture(new TextEncoder().encode(notebookJson(cells)), 'big.ipynb');
  return renderNotebook(nb, fixtureEnv('big.ipynb', language), ctx);
};
const stream = (text: string) => ({ output_type: 'stream', name: 'stdout', text });
const display = (data: object) => ({ output_type: 'display_data', data, metadata: {} });
const sections = (html: string) => [...JSDOM.fragment(html).querySelectorAll('section.cell')];
/** Rows printed in a loop: `row 0 <a & b> …` to `row {n-1} …`, every tenth in red. */
const rows = (n: number, width = 400) =>
  `${Array.from({ length: n }, (_, i) => (i % 10 === 3 ? `\u001b[31mrow ${i}\u001b[0m <a & b> ` : `row ${i} <a & b> `).padEnd(width, 'x')).join('\n')}\n`;

const Cut = suite('feed copy of a notebook with long outputs');

Cut(
  'a huge printed output: the page keeps all of it, feeds its first lines and how much is left out, with a link',
  () => {
    const cells = [
      md('# Big output'),
      code('for r in rows: print(r)', [stream(rows(5000))]),
      code('print("done")', [stream('done\n')]),
    ];
    const out = render(cells);
    assert.ok(out.html.includes('row 4999 '), 'the page shows the whole output');
    assert.ok(out.feedHtml !== undefined);
    const feedHtml = out.feedHtml as string;
    assert.ok(feedHtml.length < FEED_OUTPUT_LIMIT, `${feedHtml.length} characters`);
    assert.not.ok(feedHtml.includes('row 4999 '));

    const [pageCells, feedCells] = [sections(out.html), sections(feedHtml)];
    assert.equal(
      feedCells.map((s) => s.id),
      pageCells.map((s) => s.id),
    );
    for (const i of [0, 2])
      assert.is(feedCells[i]?.outerHTML, pageCells[i]?.outerHTML, `cell ${i + 1} is as on the page`);
    const cut = feedCells[1] as Element;
    assert.is(cut.querySelector('.cell-input')?.outerHTML, pageCells[1]?.querySelector('.cell-input')?.outerHTML);
    // The first lines as the page shows them (colours and all), then the note: no tag or entity cut.
    const shown = cut.querySelector('pre.output-stream')?.textContent ?? '';
    const pageText = pageCells[1]?.querySelector('.output')?.textContent ?? '';
    assert.ok(shown.length > 0 && shown.length <= FEED_HEAD_CHARS && pageText.startsWith(shown), shown.slice(0, 80));
    assert.ok(shown.endsWith('\n'), 'whole lines');
    assert.ok(cut.querySelectorAll('pre span.ansi-red-fg').length > 0, 'colours kept');
    const lines = shown.split('\n').length - 1;
    const note = cut.querySelector('.output-note');
    assert.match(
      note?.textContent ?? '',
      `the rest of this output, ${(5000 - lines).toLocaleString('en-US')} lines (2.0 MB)`,
    );
    assert.is(note?.querySelector('a')?.getAttribute('href'), `#${pageCells[1]?.id}`);
  },
);

Cut('a notebook with a huge output gets one warning naming its cell, with a hint', () => {
  const out = render([
    md('# Two'),
    code('a', [stream(rows(3000))]),
    code('b', [stream(rows(4000))]),
    code('c', [stream('small\n')]),
  ]);
  const warnings = out.diagnostics.filter((d) => d.rule === 'output-too-large');
  assert.is(warnings.length, 1, JSON.stringify(out.diagnostics));
  const [w] = warnings;
  assert.is(w?.severity, 'warning');
  assert.is(w?.branch, 'main');
  assert.is(w?.path, 'big.ipynb');
  assert.is(w?.cell, 1);
  assert.match(w?.message ?? '', /^Cell 2 \(cell-1\) has an output of 1\.2 MB\b.* Cell 3 has one too\.$/);
  assert.match(w?.hint ?? '', /Clear or shorten the output/);
  assert.is(
    render([md('# Long'), code('a', [stream(rows(300))])]).diagnostics.length,
    0,
    'a long output that is not huge is cut quietly',
  );
});

Cut('ordinary outputs, a collapsed one included: feeds take the page as it is, and nothing is reported', () => {
  const table = `<table>${'<tr><td>1.5</td><td>2.5</td></tr>'.repeat(300)}</table>`;
  const out = render([
    md('# Fine'),
    code('a', [stream(rows(200, 80))]),
    code('b', [display({ 'text/html': table, 'text/plain': 'df' })]),
  ]);
  assert.match(out.html, /collapsed-output/);
  assert.is(out.feedHtml, undefined);
  assert.equal(out.diagnostics, []);
});

Cut('an output that is not text is left out whole; past the budget, each cell has one note for its outputs', () => {
  const table = (n: number) => `<table>${'<tr><td>0.123456</td><td>0.654321</td></tr>'.repeat(n)}</table>`;
  const big = render([md('# Table'), code('df', [display({ 'text/html': table(3000), 'text/plain': 'df' })])]);
  const cut = sections(big.feedHtml ?? '')[1] as Element;
  assert.is(cut.querySelector('table'), null);
  assert.match(
    cut.querySelector('.output-note')?.textContent ?? '',
    /^Left out of this feed: an output of 1[0-9]{2}\.\d kB\./,
  );
  assert.ok(big.html.includes(table(3000)));

  // Tables of 39 kB each: six fit in the budget, the seventh does not, and later ones get a note
  // each, or one for a cell's outputs together; what still fits is kept.
  const tables = Array.from({ length: 9 }, (_, i) => code(`t${i}`, [display({ 'text/html': table(900) })]));
  const many = render([
    md('# Tables'),
    ...tables,
    code('more', [display({ 'text/html': table(900) }), display({ 'text/html': table(900) })]),
    code('x', [stream('42\n')]),
  ]);
  const feedCells = sections(many.feedHtml ?? '');
  const kept = feedCells.filter((s) => s.querySelector('table')).length;
  assert.is(kept, 6, `${kept} tables kept`);
  assert.equal(
    feedCells.slice(7, 10).map((s) => s.querySelectorAll('.output-note').length),
    [1, 1, 1],
  );
  assert.match(feedCells[10]?.querySelector('.output-note')?.textContent ?? '', /: 2 outputs \(/);
  assert.is(feedCells[11]?.outerHTML, sections(many.html)[11]?.outerHTML, 'a short output still fits');
  assert.ok((many.feedHtml ?? '').length < FEED_OUTPUTS_LIMIT + 10_000, `${many.feedHtml?.length}`);
  assert.equal(many.diagnostics, [], 'no output is huge');
});

Cut('a long text result keeps its prompt, and a short collapseLines limits the lines shown', async () => {
  const { nb, language } = parseFixture(
    new TextEncoder().encode(
      notebookJson([
        code('x', [
          { output_type: 'execute_result', execution_count: 4, data: { 'text/plain': rows(1000, 100) }, metadata: {} },
        ]),
      ]),
    ),
    'r.ipynb',
  );
  const out = renderNotebook(nb, fixtureEnv('r.ipynb', language), await createRenderContext({ collapseLines: 5 }));
  const cut = JSDOM.fragment(out.feedHtml ?? '');
  assert.is(cut.querySelector('.output-result .output-prompt')?.textContent, 'Out[4]:');
  assert.is(cut.querySelector('pre.output-text')?.textContent?.split('\n').length, 6);
  assert.is(cut.querySelector('details'), null);
  assert.match(cut.querySelector('.output-note')?.textContent ?? '', '995 lines');
});

const Head = suite('headOf');

Head('whole lines while they fit; a first line too long is cut, never inside a character or an escape sequence', () => {
  assert.is(headOf('a\nb\nc\n', 2, 100), 'a\nb\n');
  assert.is(headOf('a\nb\nc', 5, 100), 'a\nb\nc');
  assert.is(headOf('ab\ncdef\n', 5, 5), 'ab\n');
  assert.is(headOf('😀😀😀', 1, 3), '😀');
  assert.is(headOf(`${'a'.repeat(10)}\u001b[31mred`, 1, 13), 'a'.repeat(10));
  assert.is(headOf('', 3, 10), '');
});

Cut.run();
Head.run();
