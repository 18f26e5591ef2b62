import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CodeCell } from '../types.js';
import { MAX_CELLS, MAX_JSON_DEPTH, MAX_NOTEBOOK_BYTES } from './limits.js';
import { parseNotebook } from './parse.js';

const parseText = (text: string) =>
  parseNotebook({ branch: 'course/deep', path: 'nbs/deep.ipynb', bytes: new TextEncoder().encode(text) });
const cell = (id: string, output: string, metadata = '{}') =>
  `{"cell_type":"code","id":"${id}","metadata":${metadata},"source":"1","execution_count":1,"outputs":[{"output_type":"execute_result","execution_count":1,"data":{"text/plain":"1","application/json":${output}},"metadata":{}}]}`;

test('JSON nested 100,000 deep in an output and in metadata is cut, with a warning naming the cell', () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const text = `{"cells":[${cell('fine', '{"a":[1,2]}')},${cell('deep', deep)}],"metadata":{"x":${deep}},"nbformat":4,"nbformat_minor":5}`;
  const result = parseText(text);
  const deepCell = result.notebook?.cells[1] as CodeCell | undefined;
  assert.equal(
    result.diagnostics.map((d) => [d.rule, d.branch, d.path, d.cell]),
    [
      ['notebook-too-deep', 'course/deep', 'nbs/deep.ipynb', undefined],
      ['notebook-too-deep', 'course/deep', 'nbs/deep.ipynb', 1],
    ],
  );
  assert.match(
    result.diagnostics.find((d) => d.cell === 1)!.message,
    `cell 2 holds JSON nested over ${MAX_JSON_DEPTH} levels`,
  );
  assert.equal((result.notebook!.cells[0] as CodeCell).outputs[0], {
    type: 'execute_result',
    executionCount: 1,
    data: { 'text/plain': '1', 'application/json': { a: [1, 2] } },
    metadata: {},
  });
  assert.is(deepCell?.outputs[0]?.type, 'execute_result');
  // What the build does with a notebook next: hand it to a render worker and cache it.
  assert.ok(JSON.stringify(structuredClone(result.notebook)).length < 10_000);
});

test('a notebook of more cells than the limit keeps the first ones, with a warning', () => {
  const cells = Array.from(
    { length: MAX_CELLS + 5 },
    (_, i) => `{"cell_type":"markdown","id":"c${i}","metadata":{},"source":"cell ${i}"}`,
  );
  const result = parseText(`{"cells":[${cells.join(',')}],"metadata":{},"nbformat":4,"nbformat_minor":5}`);
  assert.is(result.notebook?.cells.length, MAX_CELLS);
  assert.is(result.notebook?.cells[MAX_CELLS - 1]?.source, `cell ${MAX_CELLS - 1}`);
  assert.equal(
    result.diagnostics.map((d) => d.rule),
    ['notebook-too-many-cells'],
  );
  assert.match(result.diagnostics[0]!.message, `${MAX_CELLS + 5} cells`);
});

test('a notebook file over the size limit is one error and is not read', () => {
  const bytes = new Uint8Array(MAX_NOTEBOOK_BYTES + 1).fill(0x20);
  const result = parseNotebook({ branch: 'main', path: 'huge.ipynb', bytes });
  assert.is(result.notebook, undefined);
  assert.equal(
    result.diagnostics.map((d) => [d.rule, d.severity]),
    [['notebook-too-large', 'error']],
  );
});

test.run();
