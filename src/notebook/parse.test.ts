import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CodeCell, DisplayOutput, ErrorOutput, MarkdownCell, Notebook, RawCell } from '../types.js';
import { parseNotebook } from './parse.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
const parseFixture = (name: string) =>
  parseNotebook({ branch: 'feature/x', path: `nbs/${basename(name)}`, bytes: fixture(name) });
const parseJson = (value: unknown) =>
  parseNotebook({ branch: 'main', path: 'a.ipynb', bytes: new TextEncoder().encode(JSON.stringify(value)) });
const rules = (r: { diagnostics: readonly { rule: string }[] }) => r.diagnostics.map((d) => d.rule);

const KERNEL = {
  kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
  language_info: { name: 'python' },
};

/** What `make-broken.py`'s SIMPLE notebook normalizes to. */
const SIMPLE: Notebook = {
  nbformat: 4,
  nbformatMinor: 5,
  metadata: KERNEL,
  cells: [
    {
      type: 'markdown',
      id: 'intro',
      source: '# Broken but readable\n\nSome text.',
      metadata: {},
      tags: [],
      attachments: {},
    },
    {
      type: 'code',
      id: 'code-1',
      source: "print('hi')",
      metadata: {},
      tags: [],
      executionCount: 1,
      outputs: [{ type: 'stream', name: 'stdout', text: 'hi\n' }],
    },
  ],
};

test('parseNotebook: fatal problems return no notebook and one error naming branch and path', () => {
  const cases: [string, string][] = [
    ['empty.ipynb', 'notebook-empty'],
    ['lfs-pointer.ipynb', 'notebook-lfs-pointer'],
    ['merge-conflict.ipynb', 'notebook-merge-conflict'],
    ['not-json.ipynb', 'notebook-invalid-json'],
    ['not-object.ipynb', 'notebook-not-object'],
    ['nbformat-5.ipynb', 'notebook-unknown-format'],
    ['future-minor.ipynb', 'notebook-unknown-format'],
  ];
  for (const [name, rule] of cases) {
    const result = parseFixture(`notebook/${name}`);
    assert.is(result.notebook, undefined, name);
    assert.equal(
      result.diagnostics.map((d) => [d.rule, d.severity, d.branch, d.path]),
      [[rule, 'error', 'feature/x', `nbs/${name}`]],
      name,
    );
    assert.ok(result.diagnostics[0]?.hint, `${name} has a hint`);
  }
});

test("parseNotebook: an image, PDF or archive under a notebook's name is one error saying what it is", async () => {
  const { default: sharp } = await import('sharp');
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const jpeg = await sharp(png).jpeg().toBuffer();
  const cases: [Uint8Array, string][] = [
    [png, 'a PNG image'],
    [jpeg, 'a JPEG image'],
    [new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3'), 'a PDF document'],
    [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'a ZIP archive'],
  ];
  for (const [bytes, what] of cases) {
    const result = parseNotebook({ branch: 'main', path: 'figure.ipynb', bytes });
    assert.is(result.notebook, undefined, what);
    assert.equal(
      result.diagnostics.map((d) => [d.rule, d.severity, d.path, d.message]),
      [['notebook-binary', 'error', 'figure.ipynb', `the file is ${what}, not a notebook (a notebook is JSON text)`]],
      what,
    );
  }
  // Text that only starts like one is read as text as before.
  assert.equal(
    rules(parseNotebook({ branch: 'main', path: 'a.ipynb', bytes: new TextEncoder().encode('PK but not a zip') })),
    ['notebook-invalid-json'],
  );
});

test('parseNotebook: invalid JSON names line and column', () => {
  const [d] = parseFixture('notebook/not-json.ipynb').diagnostics;
  assert.is(d?.message, `the notebook is not valid JSON: line 13, column 3: expected ',' or ']', found "{"`);
  const truncated = parseNotebook({
    branch: 'b',
    path: 'p.ipynb',
    bytes: new TextEncoder().encode('{\n "cells": [\n  {"source": "abc'),
  });
  assert.is(
    truncated.diagnostics[0]?.message,
    'the notebook is not valid JSON: line 3, column 14: the string that starts here is never closed (the file may be cut off)',
  );
});

test('parseNotebook: unknown nbformat versions say which', () => {
  assert.match(parseFixture('notebook/nbformat-5.ipynb').diagnostics[0]?.message ?? '', 'nbformat 5 is not');
  assert.match(
    parseFixture('notebook/future-minor.ipynb').diagnostics[0]?.message ?? '',
    'nbformat 4.6 is newer than 4.5',
  );
  assert.match(parseJson({ cells: [], metadata: {} }).diagnostics[0]?.message ?? '', 'no `nbformat` key');
  assert.equal(rules(parseJson({ nbformat: '4', nbformat_minor: 5, cells: [], metadata: {} })), [
    'notebook-unknown-format',
  ]);
  assert.match(
    parseJson({ nbformat: 2, cells: [] }).diagnostics[0]?.hint ?? '',
    'jupyter nbconvert --to notebook --inplace',
  );
});

test('parseNotebook: recoverable encoding and trailing data give the full notebook and a warning', () => {
  for (const [name, rule] of [
    ['bom.ipynb', 'notebook-bom'],
    ['utf16.ipynb', 'notebook-encoding'],
    ['trailing-garbage.ipynb', 'notebook-trailing-data'],
  ]) {
    const result = parseFixture(`notebook/${name}`);
    assert.equal(result.notebook, SIMPLE, name);
    assert.equal(
      result.diagnostics.map((d) => [d.rule, d.severity]),
      [[rule, 'warning']],
      name,
    );
  }
  assert.match(parseFixture('notebook/trailing-garbage.ipynb').diagnostics[0]?.message ?? '', 'from line 45, column 4');
});

test('parseNotebook: invalid UTF-8 is read with replacement characters', () => {
  const result = parseFixture('notebook/invalid-utf8.ipynb');
  assert.equal(rules(result), ['notebook-invalid-utf8']);
  assert.is(result.notebook?.cells[0]?.source, '# Caf\uFFFD\n\nMenu du jour.');
});

test('parseNotebook: multiline fields joined, JSON MIME types kept as parsed JSON (nbclient widgets, v4.2)', () => {
  const result = parseFixture('real/nbclient-jupyterwidgets.ipynb');
  assert.equal(result.diagnostics, []);
  const cell = result.notebook?.cells[0] as CodeCell;
  assert.is(cell.id, 'cell-0');
  assert.is(cell.source, "import ipywidgets\nlabel = ipywidgets.Label('Hello World')\ndisplay(label)");
  const output = cell.outputs[0] as DisplayOutput;
  assert.is(output.type, 'display_data');
  assert.equal(output.data, {
    'application/vnd.jupyter.widget-view+json': {
      model_id: 'f46f26da84b54255bccc3a69d7eb08de',
      version_major: 2,
      version_minor: 0,
    },
    'text/plain': "Label(value='Hello World')",
  });
  assert.is(output.executionCount, undefined);
  assert.equal(result.notebook?.cells[1]?.id, 'cell-1');
});

test('parseNotebook: error outputs, ids and tags of real nbclient notebooks', () => {
  const error = parseFixture('real/nbclient-error.ipynb');
  assert.equal(error.diagnostics, []);
  const cell = error.notebook?.cells[0] as CodeCell;
  assert.is(cell.id, 'd200673b');
  const out = cell.outputs[0] as ErrorOutput;
  assert.equal(
    [out.type, out.ename, out.evalue, out.traceback.length],
    ['error', 'ZeroDivisionError', 'division by zero', 4],
  );
  const tagged = parseFixture('notebook/nbclient-skip-exceptions-tags.ipynb').notebook?.cells[0] as CodeCell;
  assert.equal(tagged.tags, ['raises-exception']);
  assert.is(tagged.source, '# üñîçø∂é\nraise Exception("message")');
  const unicode = parseFixture('real/nbclient-unicode.ipynb').notebook as Notebook;
  assert.equal(
    [unicode.nbformatMinor, (unicode.cells[0] as CodeCell).outputs],
    [0, [{ type: 'stream', name: 'stdout', text: '☃\n' }]],
  );
});

test('parseNotebook: Quarto option lines are stripped and real ids kept (mystmd plot, v4.5)', () => {
  const result = parseFixture('real/mystmd-plot.ipynb');
  assert.equal(result.diagnostics, []);
  const cells = result.notebook?.cells ?? [];
  assert.equal(
    cells.map((c) => c.id),
    [
      '9bd1512c-9ca1-4695-9213-3a55b83903d5',
      'd140b6b3-b48c-43aa-a5a3-f9fe610c2530',
      'a64ec536-8577-4afc-b63d-47b929df4948',
    ],
  );
  assert.is(cells[1]?.source, 'points');
  const output = (cells[1] as CodeCell).outputs[0] as DisplayOutput;
  assert.equal(
    [output.type, output.executionCount, Object.keys(output.data)],
    ['execute_result', 2, ['text/html', 'text/plain']],
  );
  assert.type(output.data['text/html'], 'string');
});

test('parseNotebook: attachments, raw formats, execute results and odd MIME values', () => {
  const result = parseJson({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'ir', display_name: 'R', language: 'R' } },
    cells: [
      {
        id: 'm',
        cell_type: 'markdown',
        metadata: {},
        source: ['![x](attachment:a.png)'],
        attachments: { 'a.png': { 'image/png': ['iVBOR', 'w0K'] } },
      },
      { id: 'r1', cell_type: 'raw', metadata: { format: 'text/html' }, source: '<b>x</b>' },
      { id: 'r2', cell_type: 'raw', metadata: { raw_mimetype: 'text/latex' }, source: '\\x' },
      { id: 'r3', cell_type: 'raw', metadata: {}, source: 'plain' },
      {
        id: 'c',
        cell_type: 'code',
        execution_count: 4,
        metadata: {},
        source: '#| echo: false\nx',
        outputs: [
          {
            output_type: 'execute_result',
            execution_count: 4,
            metadata: { isolated: true },
            data: {
              'application/json': 'a string is JSON too',
              'application/geo+json': { type: 'Point' },
              'text/plain': ['1', '\n', '2'],
              'text/html': 5,
            },
          },
          { output_type: 'stream', name: 'weird', text: 'x' },
        ],
      },
    ],
  });
  assert.equal(rules(result), ['output-invalid-key']);
  const [md, r1, r2, r3, code] = result.notebook?.cells ?? [];
  assert.equal((md as MarkdownCell).attachments, { 'a.png': { 'image/png': 'iVBORw0K' } });
  assert.equal(
    [r1, r2, r3].map((c) => (c as RawCell).format),
    ['text/html', 'text/latex', ''],
  );
  const cell = code as CodeCell;
  assert.equal([cell.executionCount, cell.source, cell.tags], [4, 'x', ['remove-input']]);
  assert.equal(cell.outputs, [
    {
      type: 'execute_result',
      executionCount: 4,
      metadata: { isolated: true },
      data: {
        'application/json': 'a string is JSON too',
        'application/geo+json': { type: 'Point' },
        'text/plain': '1\n2',
      },
    },
    { type: 'stream', name: 'stdout', text: 'x' },
  ]);
});

test('parseNotebook: the same bytes give byte-identical results', () => {
  for (const name of [
    'notebook/ids-4.5.ipynb',
    'notebook/v3-worksheets.ipynb',
    'real/fastpages-2020-09-01-fastcore.ipynb',
  ]) {
    assert.is(JSON.stringify(parseFixture(name)), JSON.stringify(parseFixture(name)), name);
  }
});

test.run();
