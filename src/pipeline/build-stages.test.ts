// The stages build.ts runs before rendering return what they keep and their diagnostics beside it:
// nothing is pushed into an array the caller passed in, so each can be checked on its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../types.js';
import { leaveOutEmptyBuilds } from './empty-builds.js';
import { dropNotebookCollisions } from './notebook-collisions.js';
import type { LazyBuild } from './read-sources.js';

const commit = { sha: 'c', date: '2026-01-01T00:00:00Z', author: '', email: '' };
const ref = (branch: string, path: string) => ({
  path,
  blob: path,
  read: async () => new Uint8Array(0),
  branch,
  lastCommit: commit,
});
const lazy = (branch: string, notebooks: string[], diagnostics: Diagnostic[] = []): LazyBuild => ({
  branch: { name: branch, commit: 'c', tip: commit },
  notebooks: notebooks.map((p) => ref(branch, p)),
  files: [],
  envFiles: [],
  paths: notebooks,
  diagnostics,
});

test('leaveOutEmptyBuilds: the builds with notebooks, and a notice (with why) for each other one', () => {
  const skipped: Diagnostic = {
    rule: 'source-symlink',
    severity: 'warning',
    branch: 'empty',
    path: 'x.ipynb',
    message: 'skipped',
  };
  const input = [lazy('full', ['a.ipynb']), lazy('empty', [], [skipped]), lazy('docs', [])];
  const { builds, diagnostics } = leaveOutEmptyBuilds(input, false);
  assert.equal(
    builds.map((b) => b.branch.name),
    ['full'],
  );
  assert.equal(
    diagnostics.map((d) => [d.rule, d.branch, d.path]),
    [
      ['source-no-notebooks', 'empty', ''],
      ['source-symlink', 'empty', 'x.ipynb'],
      ['source-no-notebooks', 'docs', ''],
    ],
  );
  assert.match(diagnostics[2]?.message ?? '', /^branch docs has no notebooks/);
  assert.match(
    leaveOutEmptyBuilds([lazy('site', [])], true).diagnostics[0]?.message ?? '',
    /^folder site has no notebooks/,
  );
  assert.equal(leaveOutEmptyBuilds(input.slice(0, 1), false).diagnostics, []);
});

test('dropNotebookCollisions: names that differ only in case keep the first by path, an error for the other', () => {
  const build = lazy('main', ['lesson.ipynb', 'Lesson.ipynb', 'other.ipynb']);
  const { build: kept, diagnostics } = dropNotebookCollisions(build);
  assert.equal(
    kept.notebooks.map((n) => n.path),
    ['Lesson.ipynb', 'other.ipynb'],
  );
  assert.equal(
    diagnostics.map((d) => [d.rule, d.severity, d.branch, d.path]),
    [['output-collision', 'error', 'main', 'lesson.ipynb']],
  );
  assert.match(diagnostics[0]?.message ?? '', /`Lesson\.ipynb` is kept \(the first by path\)/);
  const clean = lazy('main', ['a.ipynb', 'b.ipynb']);
  assert.equal(dropNotebookCollisions(clean), { build: clean, diagnostics: [] });
});

test.run();
