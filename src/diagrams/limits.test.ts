// Diagrams that used to take the build down, through the real stage: each becomes one warning
// naming branch, notebook and cell, with its own rule, and the other notebook's diagrams draw.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell, Notebook } from '../types.js';
import { collectDiagrams } from './collect.js';
import {
  DEEP_FENCE,
  DENSE_FENCE,
  GOOD_DOT_FENCE,
  GOOD_VEGA_LITE_FENCE,
  LINK_FENCE,
  NEATO_FENCE,
  SEQUENCE_FENCE,
  WIDE_FENCE,
  deepSpec,
} from '../../test/support/hostile-specs.js';
import { MAX_JSON_DEPTH } from '../util/json-depth.js';
import { DIAGRAM_MEMORY_MB, DIAGRAM_TIMEOUT_MS, MAX_DIAGRAM_SOURCE, MAX_STOPS_PER_NOTEBOOK } from './limits.js';
import { drawDiagrams } from './stage.js';
import type { DrawItem, DrawResult } from './stage.js';

const md = (source: string): Cell => ({ type: 'markdown', id: 'm', source, metadata: {}, tags: [], attachments: {} });
const output = (data: Record<string, unknown>): Cell => ({
  type: 'code',
  id: 'c',
  source: 'chart',
  metadata: {},
  tags: [],
  executionCount: 1,
  outputs: [{ type: 'display_data', data, metadata: {} }],
});
const nb = (cells: Cell[]): Notebook => ({ nbformat: 4, nbformatMinor: 5, metadata: {}, cells });

const hostile = nb([
  md(LINK_FENCE),
  md(DEEP_FENCE),
  output({ 'application/vnd.vega.v5+json': deepSpec(), 'text/plain': 'chart' }),
  md(NEATO_FENCE),
  md(SEQUENCE_FENCE),
  md(DENSE_FENCE),
  md(`\`\`\`dot\n${'a -> b;'.repeat(MAX_DIAGRAM_SOURCE / 7 + 1)}\n\`\`\``),
]);
const normal = nb([md(GOOD_DOT_FENCE), md(GOOD_VEGA_LITE_FENCE)]);
const items: DrawItem[] = [
  { branch: 'course/2026', path: 'hostile/limits.ipynb', notebook: hostile },
  { branch: 'main', path: 'normal.ipynb', notebook: normal },
];
const dir = mkdtempSync(join(tmpdir(), 'bp-limits-'));
const options = { cacheDir: join(dir, 'cache'), timeoutMs: 6000, memoryMb: 128 };
let first: DrawResult;

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('limits: each hostile diagram is one warning with its rule, branch, notebook and cell; the rest draws', async () => {
  first = await drawDiagrams(items, options);
  const found = first.diagnostics.map((d) => [d.rule, d.branch, d.path, d.cell, d.severity]);
  // The 1e8-row sequence and the dense graph fill the heap; near the limit the collector can slow
  // them past the time limit first (on a busy machine), or the heap fills first (on a quiet one):
  // either stop is right.
  const stop = (i: number) => (found[i]![0] === 'diagram-timeout' ? 'diagram-timeout' : 'diagram-too-large');
  const sequence = stop(3);
  assert.equal(found, [
    ['diagram-too-large', 'course/2026', 'hostile/limits.ipynb', 1, 'warning'],
    ['diagram-too-large', 'course/2026', 'hostile/limits.ipynb', 2, 'warning'],
    ['diagram-timeout', 'course/2026', 'hostile/limits.ipynb', 3, 'warning'],
    [sequence, 'course/2026', 'hostile/limits.ipynb', 4, 'warning'],
    [stop(4), 'course/2026', 'hostile/limits.ipynb', 5, 'warning'],
    ['diagram-too-large', 'course/2026', 'hostile/limits.ipynb', 6, 'warning'],
  ]);
  const messages = first.diagnostics.map((d) => d.message);
  assert.is(
    messages[0],
    `Vega chart could not be drawn: its spec nests deeper than ${MAX_JSON_DEPTH} levels, the limit`,
  );
  assert.is(messages[1], messages[0]);
  assert.is(messages[2], 'Graphviz diagram could not be drawn: it took longer than the 6 s time limit');
  if (sequence === 'diagram-too-large')
    assert.is(messages[3], 'Vega chart could not be drawn: it needed more than the 128 MB memory limit');
  assert.match(messages[5]!, /^Graphviz diagram could not be drawn: its source is 5\.0 MB, more than the 5 MB limit$/);
  assert.ok(first.diagnostics.every((d) => d.hint?.endsWith('it is shown as code in the meantime.')));
  for (const d of collectDiagrams(normal))
    assert.ok(first.lookup.get(d.kind, d.source)?.ok, `${d.kind} of the normal notebook is drawn`);
});

test('limits: a mark linking to javascript: is drawn, without the link', () => {
  const link = collectDiagrams(hostile)[0]!;
  const result = first.lookup.get(link.kind, link.source);
  assert.ok(result?.ok, JSON.stringify(result));
  const svg = new TextDecoder().decode(result.image.assets.find((a) => a.name === result.image.svg)!.bytes);
  assert.match(svg, /<path/);
  assert.not.match(svg, /javascript:|href/i);
});

test('limits: stopped diagrams are cached like any failure (the same input hits the same limit)', async () => {
  const second = await drawDiagrams(items, options);
  assert.is(second.stats.drawn, 0);
  assert.equal(second.diagnostics, first.diagnostics);
});

test('limits: a Vega-Lite chart 1e8 pixels wide is stopped; the other notebook draws', async () => {
  const wide = nb([md(WIDE_FENCE)]);
  const result = await drawDiagrams([{ branch: 'main', path: 'wide.ipynb', notebook: wide }, items[1]!], {
    timeoutMs: 6000,
    memoryMb: 128,
  });
  assert.equal(
    result.diagnostics.map((d) => [d.rule === 'diagram-timeout' || d.rule === 'diagram-too-large', d.path, d.cell]),
    [[true, 'wide.ipynb', 0]],
  );
  for (const d of collectDiagrams(normal))
    assert.ok(result.lookup.get(d.kind, d.source)?.ok, `${d.kind} of the normal notebook is drawn`);
});

test('limits: the defaults are the documented ones', () => {
  assert.equal(
    [DIAGRAM_TIMEOUT_MS, DIAGRAM_MEMORY_MB, MAX_DIAGRAM_SOURCE, MAX_JSON_DEPTH, MAX_STOPS_PER_NOTEBOOK],
    [15_000, 512, 5_000_000, 1000, 3],
  );
});

test('limits: after 3 stopped diagrams a notebook’s other new diagrams wait for the next build', async () => {
  const slow = (n: number): Cell => md(NEATO_FENCE.replace('n0 --', `extra${n} -- n0; n0 --`));
  const many = nb([slow(1), slow(2), slow(3), slow(4), slow(5)]);
  const result = await drawDiagrams([{ branch: 'main', path: 'slow.ipynb', notebook: many }, items[1]!], {
    timeoutMs: 5000,
  });
  assert.equal(
    result.diagnostics.map((d) => [d.rule, d.cell]),
    [
      ['diagram-timeout', 0],
      ['diagram-timeout', 1],
      ['diagram-timeout', 2],
      ['diagram-timeout', 3],
      ['diagram-timeout', 4],
    ],
  );
  assert.equal(
    result.diagnostics.map((d) => d.message.includes('not drawn in this build: 3 diagrams')),
    [false, false, false, true, true],
  );
  assert.is(result.stats.byKind.graphviz!.count, 4, 'three slow graphs and the normal notebook’s graph');
  for (const d of collectDiagrams(normal))
    assert.ok(result.lookup.get(d.kind, d.source)?.ok, `${d.kind} of the normal notebook is drawn`);
});

test.run();
