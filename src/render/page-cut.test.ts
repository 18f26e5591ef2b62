import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { code, md, notebookJson } from '../../test/support/git-repo.js';
import { createRenderContext } from './context.js';
import { FEED_HEAD_CHARS } from './feed-cut.js';
import { fixtureEnv, parseFixture } from '../../test/support/render-fixtures.js';
import { renderNotebook } from './notebook.js';
import { PAGE_OUTPUT_LIMIT } from './page-cut.js';

const ctx = await createRenderContext();
const render = (cells: object[], limits?: { output: number; outputs: number }) => {
  const { nb, language } = parseFixture(new TextEncoder().encode(notebookJson(cells)), 'lessons/big one.ipynb');
  return renderNotebook(nb, fixtureEnv('lessons/big one.ipynb', language), ctx, limits);
};
const stream = (text: string, name = 'stdout') => ({ output_type: 'stream', name, text });
const sections = (html: string) => [...JSDOM.fragment(html).querySelectorAll('section.cell')];
const rows = (n: number) => `${Array.from({ length: n }, (_, i) => `row ${i} <a & b>`.padEnd(100, 'x')).join('\n')}\n`;

const Cut = suite('page cut of outputs too long for a page');

Cut(
  'an output past the limit shows its first lines, how much is left out and the download link; other cells stay whole',
  () => {
    const out = render(
      [md('# Big'), code('print(rows)', [stream(rows(5000))]), code('print("done")', [stream('done\n')])],
      { output: 100_000, outputs: 1_000_000 },
    );
    const [, cut, done] = sections(out.html);
    const shown = cut?.querySelector('pre.output-stream')?.textContent ?? '';
    assert.ok(shown.startsWith('row 0 <a & b>') && shown.length <= FEED_HEAD_CHARS, shown.slice(0, 40));
    assert.not.ok(out.html.includes('row 4999 '), 'the rest is not on the page');
    const note = cut?.querySelector('.output-note');
    assert.match(
      note?.textContent ?? '',
      /^Left out of this page: the rest of this output, 4,980 lines \(503\.0 kB\)\. Download the notebook to see all of it\.$/,
    );
    const link = note?.querySelector('a');
    assert.is(link?.getAttribute('href'), 'big%20one.ipynb', 'the download beside the page');
    assert.ok(link?.hasAttribute('download'));
    assert.is(done?.querySelector('pre.output-stream')?.textContent, 'done\n');
    const warnings = out.diagnostics.filter((d) => d.rule === 'output-too-large');
    assert.is(warnings.length, 1, JSON.stringify(out.diagnostics));
    assert.is(warnings[0]?.cell, 1);
    assert.is(warnings[0]?.path, 'lessons/big one.ipynb');
    assert.match(warnings[0]?.message ?? '', /^Cell 2 \(cell-1\) has an output of 505\.0 kB, more than a page holds/);
    assert.ok((out.feedHtml ?? out.html).length < 20_000, 'the feed copy is as short');
  },
);

Cut('outputs together: those that no longer fit in what is left of the page are cut, the first ones are whole', () => {
  const out = render(
    [
      md('# Many'),
      ...[0, 1, 2].map((i) => code(`print(${i})`, [stream(rows(500))])),
      code('print("done")', [stream('done\n')]),
    ],
    { output: 100_000, outputs: 60_000 },
  );
  const cells = sections(out.html);
  assert.ok(cells[1]?.textContent?.includes('row 499 '), 'the first output fits');
  for (const i of [2, 3])
    assert.match(
      cells[i]?.querySelector('.output-note')?.textContent ?? '',
      'Left out of this page',
      `cell ${i + 1} is cut`,
    );
  assert.is(
    cells[4]?.querySelector('pre.output-stream')?.textContent,
    'done\n',
    'an output shorter than the note is shown, the page full or not',
  );
  assert.is(cells[4]?.querySelector('.output-note'), null);
  const [w] = out.diagnostics.filter((d) => d.rule === 'output-too-large');
  assert.is(w?.cell, 2);
  assert.match(
    w?.message ?? '',
    /^Cell 3 \(cell-2\) has an output of 50\.5 kB, more than a page holds \(100\.0 kB of text an output, 60\.0 kB of outputs a page\).* Cell 4 is cut too\.$/,
  );
});

Cut('an output that is not text (HTML) is left out with the note alone, never sanitized whole', () => {
  const table = `<table>${'<tr><td>1</td></tr>'.repeat(10_000)}</table>`;
  const out = render(
    [md('# Html'), code('df', [{ output_type: 'display_data', data: { 'text/html': table }, metadata: {} }])],
    { output: 100_000, outputs: 1_000_000 },
  );
  const cell = sections(out.html)[1];
  assert.is(cell?.querySelector('table'), null);
  assert.is(
    cell?.querySelector('.output-note')?.textContent,
    'Left out of this page: an output of 190.0 kB. Download the notebook to see all of it.',
  );
  // With a short text form beside it, that is shown whole, and the note names what is left out.
  const both = render(
    [
      md('# Both'),
      code('df', [
        {
          output_type: 'execute_result',
          execution_count: 3,
          data: { 'text/html': table, 'text/plain': '   a\n0  1\n[10000 rows]' },
          metadata: {},
        },
      ]),
    ],
    { output: 100_000, outputs: 1_000_000 },
  );
  const result = sections(both.html)[1]?.querySelector('.output-result');
  assert.is(result?.querySelector('pre.output-text')?.textContent, '   a\n0  1\n[10000 rows]');
  assert.is(result?.querySelector('.output-prompt')?.textContent, 'Out[3]:');
  assert.is(
    result?.querySelector('.output-note')?.textContent,
    "Left out of this page: this output's fuller form (190.0 kB). Download the notebook to see all of it.",
  );
});

Cut('a JSON output counts as its JSON text: a large one is cut, not highlighted whole', () => {
  const data = { rows: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `row ${i}` })) };
  const out = render(
    [
      md('# Json'),
      code('data', [
        { output_type: 'execute_result', execution_count: 1, data: { 'application/json': data }, metadata: {} },
      ]),
    ],
    { output: 100_000, outputs: 1_000_000 },
  );
  const cell = sections(out.html)[1];
  assert.is(cell?.querySelector('.output-json'), null);
  assert.match(
    cell?.querySelector('.output-note')?.textContent ?? '',
    /^Left out of this page: an output of 5\d\d\.\d kB\./,
  );
});

Cut('with the real limits: three streams of 4 million quotes, merged, are cut and the page stays small', () => {
  const quotes = '"'.repeat(4_000_000);
  assert.ok(3 * quotes.length > PAGE_OUTPUT_LIMIT);
  const out = render([md('# Quotes'), code('spam()', [stream(quotes), stream(quotes), stream(quotes)])]);
  assert.ok(out.html.length < 50_000, `${out.html.length} characters`);
  assert.match(out.html, /Left out of this page: the rest of this output, 1 line \(12\.0 MB\)/);
  assert.is(out.diagnostics.filter((d) => d.rule === 'output-too-large').length, 1);
});

Cut.run();
