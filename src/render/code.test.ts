import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CodeCell } from '../types.js';
import { cellLanguage, foldHtml, renderCodeCell } from './code.js';
import { createRenderContext } from './context.js';
import { fixtureEnv } from '../../test/support/render-fixtures.js';
import { createSink, type RenderScope } from './sink.js';
import { createSlugger } from './slugger.js';

const scopeFor = async (language: string, options = {}): Promise<RenderScope> => ({
  ctx: await createRenderContext(options),
  env: fixtureEnv('c.ipynb', language),
  sink: createSink('main', 'c.ipynb'),
  slugger: createSlugger(),
  headings: [],
  macros: {},
  title: 'c',
  titleFixed: true,
  figures: 0,
});
const cell = (over: Partial<CodeCell>): CodeCell => ({
  type: 'code',
  id: 'k',
  source: 'x <- 1',
  metadata: {},
  tags: [],
  executionCount: 7,
  outputs: [],
  ...over,
});
const place = { index: 0, id: 'k', metadata: {} };

const Language = suite('cellLanguage');

Language('a leading cell magic picks the language; other magics keep the notebook language', () => {
  assert.is(cellLanguage('%%bash\necho hi', 'python'), 'shellscript');
  assert.is(cellLanguage('%%R\nx <- 1', 'python'), 'r');
  assert.is(cellLanguage('%%html\n<b>', 'python'), 'html');
  assert.is(cellLanguage('%%timeit\nf()', 'python'), 'python');
  assert.is(cellLanguage('%%unknownmagic\nf()', 'python'), 'python');
  assert.is(cellLanguage('x = 1', 'julia'), 'julia');
});

const Fold = suite('foldHtml');

Fold('wraps content in <details class="hidden-cell">, summary escaped, open on request', () => {
  assert.is(
    foldHtml('Show <code>', '<p>x</p>'),
    '<details class="hidden-cell"><summary>Show &lt;code&gt;</summary><p>x</p></details>',
  );
  assert.is(
    foldHtml('Show code', '', true),
    '<details class="hidden-cell" open><summary>Show code</summary></details>',
  );
});

const Code = suite('renderCodeCell');

Code('input highlighted in the notebook language with its prompt', async () => {
  const html = renderCodeCell(cell({}), await scopeFor('R'), place);
  const doc = JSDOM.fragment(html);
  assert.is(doc.querySelector('.input-prompt')?.textContent, 'In [7]:');
  assert.match(doc.querySelector('.input-code pre')?.className ?? '', /^shiki shiki-themes/);
  assert.is(doc.querySelector('.input-code pre')?.textContent, 'x <- 1');
  assert.is(doc.querySelector('.cell-outputs'), null, 'no outputs, no output area');
});

Code('no prompt without showExecutionCount; blank input with no outputs shows nothing', async () => {
  const plain = renderCodeCell(cell({}), await scopeFor('r', { showExecutionCount: false }), place);
  assert.not.match(plain, /prompt/);
  assert.is(renderCodeCell(cell({ source: '  \n' }), await scopeFor('r'), place), '');
});

Code('remove-input with outputs keeps only the outputs', async () => {
  const html = renderCodeCell(
    cell({ tags: ['remove-input'], outputs: [{ type: 'stream', name: 'stdout', text: 'hi\n' }] }),
    await scopeFor('r'),
    place,
  );
  assert.is(
    html,
    '<div class="cell-outputs"><div class="output output-stream-stdout"><pre class="output-stream stdout">hi\n</pre></div></div>',
  );
});

Language.run();
Fold.run();
Code.run();
