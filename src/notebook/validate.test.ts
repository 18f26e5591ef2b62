import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../types.js';
import { parseNotebook } from './parse.js';
import { isValidCellId, validateV3, validateV4 } from './validate.js';

const place = { branch: 'course/intro', path: 'lessons/nb.ipynb' };
const fixtureJson = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const summary = (ds: readonly Diagnostic[]) => ds.map((d) => [d.rule, d.cell]);

test('validateV4: real notebooks (v4.0–4.5) have no diagnostics', () => {
  const names = [
    'real/fastpages-2020-09-01-fastcore.ipynb',
    'real/fastpages-2020-02-21-introducing-fastpages.ipynb',
    'real/mystmd-front-matter.ipynb',
    'real/mystmd-interactive-notebooks.ipynb',
    'real/mystmd-plot.ipynb',
    'real/nbclient-error.ipynb',
    'notebook/nbclient-skip-exceptions-tags.ipynb',
    'real/nbclient-unicode.ipynb',
    'real/nbclient-jupyterwidgets.ipynb',
    'notebook/quarto-front-matter.ipynb',
  ];
  for (const name of names) assert.equal(validateV4(fixtureJson(name), place), [], name);
});

test('validateV4: cell ids of nbformat 4.5 (duplicate, missing, invalid)', () => {
  const ds = validateV4(fixtureJson('notebook/ids-4.5.ipynb'), place);
  assert.equal(summary(ds), [
    ['cell-id-duplicate', 1],
    ['cell-id-invalid', 3],
    ['cell-id-invalid', 4],
    ['cell-id-invalid', 5],
    ['cell-id-missing', 2],
  ]);
  for (const d of ds) assert.equal([d.severity, d.branch, d.path], ['warning', 'course/intro', 'lessons/nb.ipynb']);
  assert.is(ds[0]?.message, 'the cell id "a" is already used by cell 1');
  assert.match(ds[0]?.hint ?? '', 'jupyter nbconvert --to notebook --inplace "lessons/nb.ipynb"');
  assert.match(ds[0]?.hint ?? '', 'nbformat.validator.normalize');
  assert.match(ds[1]?.message ?? '', '"has space"');
});

test('validateV4: ids are not required before 4.5', () => {
  const nb = fixtureJson('notebook/ids-4.5.ipynb');
  assert.equal(validateV4({ ...nb, nbformat_minor: 4 }, place), []);
});

test('isValidCellId', () => {
  for (const ok of ['a', 'A-9_z', 'x'.repeat(64), '9bd1512c-9ca1-4695-9213-3a55b83903d5'])
    assert.ok(isValidCellId(ok), ok);
  for (const bad of ['', 'x'.repeat(65), 'has space', 'dot.ted', 'é', '<script>', 5, null])
    assert.not.ok(isValidCellId(bad), String(bad));
});

test('validateV4: outputs given as a string, missing execution_count', () => {
  const strings = validateV4(fixtureJson('notebook/outputs-string.ipynb'), place);
  assert.equal(summary(strings), [['output-not-list', 0]]);
  assert.match(strings[0]?.hint ?? '', 'jupyter nbconvert --to notebook --inplace');
  assert.equal(summary(validateV4(fixtureJson('notebook/missing-execution-count.ipynb'), place)), [
    ['cell-missing-execution-count', 1],
  ]);
});

test('validateV4: unknown cell and output types are skipped with warnings', () => {
  const ds = validateV4(fixtureJson('notebook/unknown-cell-type.ipynb'), place);
  assert.equal(summary(ds), [
    ['cell-unknown-type', 0],
    ['cell-unknown-type', 1],
    ['output-unknown-type', 2],
    ['output-invalid-key', 2],
    ['cell-not-object', 3],
  ]);
  assert.is(ds[0]?.message, 'the cell has an unknown cell_type "heading"; it was skipped');
  assert.is(
    ds[3]?.message,
    'output 2 (display_data): the "text/html" value is neither a string nor a list of strings; it was dropped',
  );
  const parsed = parseNotebook({
    ...place,
    bytes: readFileSync(new URL('../../test/fixtures/notebook/unknown-cell-type.ipynb', import.meta.url)),
  });
  assert.equal(
    parsed.notebook?.cells.map((c) => c.id),
    ['c'],
  );
});

test('validateV4: required keys and their types (v4.4 notebook breaking the schema)', () => {
  const ds = validateV4(fixtureJson('notebook/schema-broken-4.4.ipynb'), place);
  assert.equal(summary(ds), [
    ['notebook-missing-key', undefined],
    ['cell-missing-key', 0],
    ['cell-invalid-key', 1],
    ['cell-invalid-key', 1],
    ['output-missing-key', 1],
    ['output-missing-key', 1],
    ['output-invalid-key', 1],
  ]);
  assert.equal(
    ds.map((d) => d.message),
    [
      'the notebook has no `metadata`',
      'the cell has no `source`; it was read as empty',
      '`metadata.tags` is not a list of strings',
      '`execution_count` is neither null nor a non-negative integer; it was read as null',
      'output 1 (stream) has no `name`',
      'output 2 (execute_result) has no `execution_count`',
      'output 3 (error): `traceback` is not a list of strings',
    ],
  );
});

test('validateV4: top-level keys of the wrong type', () => {
  const ds = validateV4({ nbformat: 4, nbformat_minor: -1, metadata: [], cells: {} }, place);
  assert.equal(summary(ds), [
    ['notebook-invalid-key', undefined],
    ['notebook-invalid-key', undefined],
    ['notebook-invalid-key', undefined],
  ]);
});

test('validateV4: after five cells with one problem, the rest is one diagnostic', () => {
  const cells = Array.from({ length: 30 }, (_, i) => ({ cell_type: 'markdown', source: `${i}` }));
  const ds = validateV4({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells }, place);
  assert.equal(
    summary(ds),
    [0, 1, 2, 3, 4, 5].map((i) => ['cell-missing-key', i]),
  );
  assert.match(
    ds[5]?.message ?? '',
    /^25 more cells have the same problem \(cell-missing-key\): cells 6, 7, .*, 25, …$/,
  );
});

test('validateV4: cells without ids are one diagnostic for the notebook', () => {
  // Tools that write nbformat 4.5 without ids leave out every one: one line, not one a cell.
  const cells = Array.from({ length: 30 }, (_, i) => ({ cell_type: 'markdown', metadata: {}, source: `${i}` }));
  const none = validateV4({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }, place);
  assert.equal(summary(none), [['cell-id-missing', undefined]]);
  assert.is(none[0]?.message, 'none of the 30 cells has an `id` (required since nbformat 4.5)');
  assert.match(none[0]?.hint ?? '', 'jupyter nbconvert --to notebook --inplace');
  const some = validateV4(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: cells.map((c, i) => (i % 3 === 0 ? { ...c, id: `c${i}` } : c)),
    },
    place,
  );
  assert.equal(summary(some), [['cell-id-missing', 1]]);
  assert.match(
    some[0]?.message ?? '',
    /^20 cells have no `id` \(required since nbformat 4\.5\): cells 2, 3, 5, 6, 8, .*, 29, 30$/,
  );
});

test('validateV3: worksheets, inputs and heading levels', () => {
  assert.equal(summary(validateV3(fixtureJson('notebook/v3-worksheets.ipynb'), place)), [
    ['notebook-old-format', undefined],
  ]);
  assert.equal(validateV3(fixtureJson('notebook/v3-worksheets.ipynb'), place)[0]?.severity, 'info');
  const broken = {
    nbformat: 3,
    nbformat_minor: 0,
    metadata: {},
    worksheets: [
      {
        cells: [
          { cell_type: 'markdown', source: 'ok' },
          { cell_type: 'code', outputs: [] },
        ],
      },
      { nocells: true },
      {
        cells: [
          { cell_type: 'heading', source: 'H' },
          { cell_type: 'code', input: 5, outputs: [] },
        ],
      },
    ],
  };
  assert.equal(summary(validateV3(broken, place)), [
    ['notebook-old-format', undefined],
    ['cell-missing-key', 1],
    ['notebook-invalid-key', undefined],
    ['cell-invalid-key', 2],
    ['cell-invalid-key', 3],
  ]);
  assert.equal(summary(validateV3({ nbformat: 3, nbformat_minor: 0, metadata: {} }, place)), [
    ['notebook-old-format', undefined],
    ['notebook-missing-key', undefined],
  ]);
});

test.run();
