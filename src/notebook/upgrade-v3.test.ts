import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeNotebook } from './normalize.js';
import { parseNotebook } from './parse.js';
import { upgradeCell, upgradeOutput, upgradeV3 } from './upgrade-v3.js';

const read = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

test('upgradeV3: same notebook as nbformat v4.convert.upgrade (worksheets, headings, outputs)', () => {
  const ours = normalizeNotebook(upgradeV3(JSON.parse(read('notebook/v3-worksheets.ipynb'))));
  const nbformat = normalizeNotebook(JSON.parse(read('notebook/v3-worksheets.upgraded.json')));
  assert.equal(ours.cells, nbformat.cells);
  assert.equal([ours.nbformat, ours.nbformatMinor], [4, 5]);
  // Unlike nbformat, the v3 name is kept as a title candidate.
  assert.equal(ours.metadata, { ...nbformat.metadata, name: 'Old Analysis' });
  assert.equal(ours.cells.length, 9);
});

test('upgradeV3: through parseNotebook, with the heading cells as markdown', () => {
  const result = parseNotebook({
    branch: 'main',
    path: 'old.ipynb',
    bytes: new TextEncoder().encode(read('notebook/v3-worksheets.ipynb')),
  });
  assert.equal(
    result.diagnostics.map((d) => d.rule),
    ['notebook-old-format'],
  );
  const cells = result.notebook?.cells ?? [];
  assert.equal(
    cells.map((c) => [c.id, c.type]),
    [
      ['cell-0', 'markdown'],
      ['cell-1', 'markdown'],
      ['cell-2', 'code'],
      ['cell-3', 'markdown'],
      ['cell-4', 'code'],
      ['cell-5', 'raw'],
      ['cell-6', 'markdown'],
      ['cell-7', 'code'],
      ['cell-8', 'markdown'],
    ],
  );
  assert.equal(
    [cells[0]?.source, cells[3]?.source, cells[6]?.source, cells[8]?.source],
    ['# Old Analysis', '## Results and discussion', '### Appendix', '<p>old html cell</p>'],
  );
});

test('upgradeOutput: v3 output types and keys', () => {
  const cases: [unknown, unknown][] = [
    [
      { output_type: 'pyout', prompt_number: 3, text: 'x', png: 'AAA' },
      {
        output_type: 'execute_result',
        execution_count: 3,
        data: { 'text/plain': 'x', 'image/png': 'AAA' },
        metadata: {},
      },
    ],
    [
      { output_type: 'pyout', text: 'x' },
      { output_type: 'execute_result', execution_count: null, data: { 'text/plain': 'x' }, metadata: {} },
    ],
    [
      { output_type: 'display_data', jpeg: 'J', svg: 'S', metadata: { jpeg: { width: 2 } } },
      {
        output_type: 'display_data',
        data: { 'image/jpeg': 'J', 'image/svg+xml': 'S' },
        metadata: { 'image/jpeg': { width: 2 } },
      },
    ],
    [
      { output_type: 'display_data', json: ['{"a":', ' 1}'] },
      { output_type: 'display_data', data: { 'application/json': { a: 1 } }, metadata: {} },
    ],
    [
      { output_type: 'display_data', json: '{broken' },
      { output_type: 'display_data', data: { 'application/json': '{broken' }, metadata: {} },
    ],
    [
      { output_type: 'display_data', javascript: 'js', 'text/markdown': 'kept' },
      { output_type: 'display_data', data: { 'application/javascript': 'js', 'text/markdown': 'kept' }, metadata: {} },
    ],
    [
      { output_type: 'pyerr', ename: 'E', evalue: 'v', traceback: [] },
      { output_type: 'error', ename: 'E', evalue: 'v', traceback: [] },
    ],
    [
      { output_type: 'stream', stream: 'stderr', text: 'e' },
      { output_type: 'stream', name: 'stderr', text: 'e' },
    ],
    [
      { output_type: 'stream', text: 'o' },
      { output_type: 'stream', name: 'stdout', text: 'o' },
    ],
    [
      { output_type: 'mystery', x: 1 },
      { output_type: 'mystery', x: 1 },
    ],
    ['not an object', 'not an object'],
  ];
  for (const [input, expected] of cases) assert.equal(upgradeOutput(input), expected, JSON.stringify(input));
});

test('upgradeCell: code, heading, html and other cells', () => {
  assert.equal(
    upgradeCell(
      {
        cell_type: 'code',
        language: 'python',
        collapsed: true,
        input: ['a\n', 'b'],
        prompt_number: 7,
        outputs: [],
        metadata: { k: 1 },
      },
      4,
    ),
    {
      cell_type: 'code',
      id: 'cell-4',
      metadata: { k: 1, collapsed: true },
      source: ['a\n', 'b'],
      execution_count: 7,
      outputs: [],
    },
  );
  assert.equal(upgradeCell({ cell_type: 'code', outputs: [] }, 0), {
    cell_type: 'code',
    id: 'cell-0',
    metadata: {},
    source: '',
    execution_count: null,
    outputs: [],
  });
  assert.equal(upgradeCell({ cell_type: 'heading', level: 2, source: ['Two\n', 'lines'] }, 1), {
    id: 'cell-1',
    cell_type: 'markdown',
    metadata: {},
    source: '## Two lines',
  });
  assert.equal(upgradeCell({ cell_type: 'heading', source: 'No level' }, 1), {
    id: 'cell-1',
    cell_type: 'markdown',
    metadata: {},
    source: '# No level',
  });
  assert.equal(upgradeCell({ cell_type: 'heading', level: 9, source: 'Deep' }, 1), {
    id: 'cell-1',
    cell_type: 'markdown',
    metadata: {},
    source: '###### Deep',
  });
  assert.equal(upgradeCell({ cell_type: 'html', source: '<p>' }, 2), {
    cell_type: 'markdown',
    source: '<p>',
    id: 'cell-2',
    metadata: {},
  });
  assert.equal(upgradeCell({ cell_type: 'raw', source: 'r', metadata: { format: 'text/html' } }, 3), {
    cell_type: 'raw',
    source: 'r',
    id: 'cell-3',
    metadata: { format: 'text/html' },
  });
  assert.is(upgradeCell(42, 0), 42);
});

test('upgradeV3: metadata as nbformat writes it, worksheets flattened, input not mutated', () => {
  const input = {
    nbformat: 3,
    nbformat_minor: 0,
    orig_nbformat: 2,
    metadata: { name: 'n', signature: 'sha256:x', kernel_info: { name: 'python' } },
    worksheets: [
      { cells: [{ cell_type: 'markdown', source: 'a' }] },
      'junk',
      { cells: [{ cell_type: 'markdown', source: 'b' }] },
    ],
  };
  const copy = structuredClone(input);
  const out = upgradeV3(input);
  assert.equal(input, copy);
  assert.equal(out, {
    metadata: { name: 'n', kernel_info: { name: 'python' }, orig_nbformat: 2, orig_nbformat_minor: 0 },
    nbformat: 4,
    nbformat_minor: 5,
    cells: [
      { cell_type: 'markdown', source: 'a', id: 'cell-0', metadata: {} },
      { cell_type: 'markdown', source: 'b', id: 'cell-1', metadata: {} },
    ],
  });
});

test.run();
