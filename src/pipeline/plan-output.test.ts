import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PlannedFile } from '../io/write-site.js';
import { dropUnwritablePaths, MAX_NAME_BYTES, MAX_PATH_BYTES, outputPathProblem, planOutput } from './plan-output.js';
import type { LazyBuild } from './read-sources.js';

const file = (path: string, origin: string, bytes: string): PlannedFile => ({
  path,
  origin,
  fingerprint: `s:${bytes}`,
  content: () => bytes,
});

test('planOutput: of two files whose paths differ only in case, the first is kept and the message says which is left out', () => {
  const plan = planOutput([
    file('main/Figure.png', 'branch main, file Figure.png', 'upper'),
    file('main/figure.png', 'branch main, file figure.png', 'lower'),
  ]);
  assert.equal(
    plan.files.map((f) => f.path),
    ['main/Figure.png'],
  );
  assert.is(plan.diagnostics.length, 1);
  const [d] = plan.diagnostics;
  assert.is(
    d?.message,
    'branch main, file Figure.png and branch main, file figure.png would both be written to main/Figure.png; branch main, file figure.png is left out',
  );
  assert.not.match(d?.hint ?? '', /--branches/);
});

test('planOutput: one file claimed twice with the same bytes is one file, no collision', () => {
  const plan = planOutput([
    file('a/x.png', 'branch a, file x.png', 'same'),
    file('a/x.png', 'branch a, output of n.ipynb', 'same'),
  ]);
  assert.is(plan.files.length, 1);
  assert.equal(plan.diagnostics, []);
});

test('outputPathProblem: names are measured in UTF-8 bytes, paths as a whole', () => {
  assert.is(outputPathProblem(`main/${'a'.repeat(MAX_NAME_BYTES)}`), undefined);
  assert.match(
    outputPathProblem(`main/${'a'.repeat(MAX_NAME_BYTES + 1)}`) ?? '',
    'is 256 bytes long, more than the 255',
  );
  // 128 characters, 256 bytes: too long for ext4, whatever the character count.
  assert.match(outputPathProblem(`main/${'é'.repeat(128)}.html`) ?? '', 'is 261 bytes long');
  assert.is(
    outputPathProblem(
      Array(MAX_PATH_BYTES / 2)
        .fill('d')
        .join('/'),
    ),
    undefined,
  );
  assert.match(
    outputPathProblem(Array(1200).fill('dir').join('/')) ?? '',
    /output path is 4,799 bytes long \(1199 folders deep\), more than the 1,024/,
  );
});

test('planOutput: a path no disk can hold is left out with an error naming what made it; the rest is kept', () => {
  const plan = planOutput([
    file(`tags/${'t'.repeat(300)}/index.html`, 'tag page', 'x'),
    file('main/a.html', 'branch main, notebook a.ipynb', 'a'),
  ]);
  assert.equal(
    plan.files.map((f) => f.path),
    ['main/a.html'],
  );
  assert.is(plan.diagnostics[0]?.rule, 'output-path-too-long');
  assert.match(plan.diagnostics[0]?.message ?? '', /^tag page is left out: the name t{40}… is 300 bytes long/);
});

const ref = (path: string) => ({
  path,
  blob: path,
  read: async () => new Uint8Array(0),
  branch: 'main',
  lastCommit: { sha: '', date: '', author: '', email: '' },
});
const lazy = (branch: string, notebooks: string[], files: string[] = []): LazyBuild => ({
  branch: { name: branch, commit: 'c', tip: { sha: 'c', date: '2026-01-01T00:00:00Z', author: '', email: '' } },
  notebooks: notebooks.map(ref),
  files: files.map((p) => ({ path: p, blob: p, read: async () => new Uint8Array(0) })),
  envFiles: [],
  paths: [...notebooks, ...files],
  diagnostics: [],
});

test('dropUnwritablePaths: notebooks and files whose output is too long are left out, each an error naming branch and file', () => {
  const deep = `${Array(1200).fill('dir').join('/')}/deep.ipynb`;
  const long = `${'a'.repeat(300)}.ipynb`;
  const { build: kept, diagnostics } = dropUnwritablePaths(
    lazy('main', ['ok.ipynb', long, deep], ['img/ok.png', `img/${'b'.repeat(256)}.png`]),
  );
  assert.equal(
    kept?.notebooks.map((n) => n.path),
    ['ok.ipynb'],
  );
  assert.equal(
    kept?.files.map((f) => f.path),
    ['img/ok.png'],
  );
  assert.equal(
    diagnostics.map((d) => [d.rule, d.severity, d.branch, d.path]),
    [
      ['output-path-too-long', 'error', 'main', long],
      ['output-path-too-long', 'error', 'main', deep],
      ['output-path-too-long', 'error', 'main', `img/${'b'.repeat(256)}.png`],
    ],
  );
  assert.match(
    diagnostics[0]?.message ?? '',
    /^this notebook is left out of the site: the name a{40}… is 306 bytes long/,
  );
  assert.match(diagnostics[0]?.hint ?? '', 'rename the file or move it up');
});

test('dropUnwritablePaths: a branch whose folder name is too long is left out whole, with one error', () => {
  const { build: kept, diagnostics } = dropUnwritablePaths(
    lazy(Array(100).fill('topic').join('/'), ['a.ipynb', 'b.ipynb']),
  );
  assert.is(kept, undefined);
  assert.is(diagnostics.length, 1);
  assert.match(
    diagnostics[0]?.message ?? '',
    /^branch topic\/topic.* is left out of the site: the name topic-topic-.*… is 599 bytes long/,
  );
});

test.run();
