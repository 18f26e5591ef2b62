// End to end: a notebook whose diagrams used to take the whole build down (an uncaught throw in
// vega's SVG writer, specs nested 100,000 deep, in a fence or as an output) beside an ordinary one. The build finishes with
// exit code 0 (1 under --strict), the ordinary notebook's page has its diagram, and each stopped
// diagram is one warning naming branch, notebook and cell.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEEP_FENCE, GOOD_DOT_FENCE, LINK_FENCE } from '../support/hostile-specs.js';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const work = makeTempDir('bp-diagram-limits-');
const repo = makeRepo();
const DEEP_JSON = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
const hostile = notebookJson([
  md('# Hostile charts'),
  md(LINK_FENCE),
  md(DEEP_FENCE),
  code('chart', [
    {
      output_type: 'display_data',
      metadata: {},
      data: { 'text/plain': 'chart', 'application/vnd.vega.v5+json': 'DEEP' },
    },
  ]),
]).replace('"DEEP"', DEEP_JSON);
repo.commit(
  'course/2026',
  { 'hostile.ipynb': hostile, 'normal.ipynb': notebookJson([md('# Ordinary notebook'), md(GOOD_DOT_FENCE)]) },
  'two notebooks',
);

const build = (...extra: string[]) =>
  spawnSync(
    process.execPath,
    [BIN, 'build', '--repo', repo.dir, '--out', join(work, 'site'), '--cache', join(work, 'cache'), ...extra],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
const pageOf = (name: string): string => {
  const path = readdirSync(join(work, 'site'), { recursive: true })
    .map(String)
    .find((p) => p.endsWith(name));
  assert.ok(path, `${name} was written`);
  return readFileSync(join(work, 'site', path), 'utf8');
};

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('hostile diagrams: the build finishes, the other notebook has its diagram, each stop is one warning', () => {
  const r = build();
  assert.is(r.status, 0, r.stderr);
  assert.not.match(r.stderr, /unexpected error|TypeError|RangeError/);
  assert.match(pageOf('normal.html'), /<figure class="diagram diagram-graphviz"><img /);
  assert.match(pageOf('hostile.html'), /<figure class="diagram diagram-vega-lite"><img /);
  const lines = r.stderr.split('\n').filter((l) => l.includes('[diagram-'));
  const deep = 'Vega chart could not be drawn: its spec nests deeper than 1000 levels, the limit [diagram-too-large]';
  // The output's spec is JSON of the notebook file: the notebook's own depth limit cuts it first
  // (one warning for the cell), and what is left draws nothing.
  assert.equal(lines, [
    `warning (branch course/2026, hostile.ipynb, cell 3): ${deep}`,
    'warning (branch course/2026, hostile.ipynb, cell 4): Vega chart could not be drawn: the SVG has neither a width and height nor a viewBox [diagram-invalid]',
  ]);
  assert.ok(
    r.stderr.split('\n').some((l) => l.includes('hostile.ipynb, cell 4') && l.includes('[notebook-too-deep]')),
    r.stderr,
  );
});

test('hostile diagrams: --strict makes the warnings fail the build', () => {
  const r = build('--strict');
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /\[diagram-too-large\]/);
});

test.run();
