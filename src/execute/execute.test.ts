// End to end with real kernels (Debian's python3-nbclient, python3-ipykernel, python3-matplotlib):
// notebooks saved without outputs are executed in a copy of their branch's tree and their pages
// show the outputs; failures are diagnostics; runs are cached; kernels run in parallel with the
// same site as one at a time; the repository is left as it was. Kernel start-up is shared: one
// repository, two cold builds of all its notebooks, then warm ones.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../../test/support/git-repo.js';

const BIN = resolve('bin/binderpress.js');

function cli(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  });
  return { code: r.status, stderr: r.stderr };
}

/** A code cell saved without outputs, with tags. */
const bare = (source: string, tags: string[] = []) => ({
  ...code(source, [], null),
  metadata: tags.length ? { tags } : {},
});

const repo = makeRepo();
const work = makeTempDir('bp-exec-');
const plot = notebookJson([
  md('# Plot'),
  bare('%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot([1, 3, 2]);'),
  bare("print('plot' + 'ted')"),
]);
repo.commit(
  'course',
  {
    'plot.ipynb': plot,
    'requirements.txt': 'matplotlib\n',
    'lessons/data.ipynb': notebookJson([
      md('# Data'),
      bare("print(open('numbers.csv').read().strip().replace(',', ';'))"),
      { ...bare(''), source: ['import helper\n', 'helper.double(21)'] },
      bare("open('written.txt', 'w').write('x')"),
    ]),
    'lessons/numbers.csv': '4,5,6\n',
    'lessons/helper.py': 'def double(x):\n    return x * 2\n',
    'error.ipynb': notebookJson([
      md('# Error'),
      bare("print('be' + 'fore')"),
      bare("raise ValueError('bo' + 'om')"),
      bare("print('af' + 'ter')"),
    ]),
    'tags.ipynb': notebookJson([
      md('# Tags'),
      bare('1 / 0', ['raises-exception']),
      bare("print('con' + 'tinued')"),
      bare("print('skip' + 'ped')", ['skip-execution']),
    ]),
    'saved.ipynb': notebookJson([
      md('# Saved'),
      code("print('x')", [{ output_type: 'stream', name: 'stdout', text: 'as-saved-output\n' }]),
    ]),
  },
  'course',
);
repo.commit(
  'hard',
  {
    'requirements.txt': 'matplotlib\n',
    // The sleeping cell comes first: on a loaded machine a kernel's first cell alone can take 2 s.
    'slow.ipynb': notebookJson([md('# Slow'), bare('import time\ntime.sleep(60)'), bare("print('fini' + 'shed')")]),
    'dies.ipynb': notebookJson([md('# Dies'), bare("print('al' + 'ive')"), bare('import os\nos._exit(1)')]),
  },
  'hard',
);
repo.commit('copy', { 'plot.ipynb': plot, 'requirements.txt': 'matplotlib\n' }, 'the same notebook on another branch');
const config = join(work, 'binderpress.yml');
writeFileSync(
  config,
  'siteUrl: https://example.org/course/\nrepository: owner/course\nbuilds:\n  hard:\n    execute: { timeout: 2 }\n',
);
const args = (out: string, cache: string, jobs: string) => [
  'build',
  '--repo',
  repo.dir,
  '--config',
  config,
  '--out',
  join(work, out),
  '--cache',
  join(work, cache),
  '--jobs',
  jobs,
  '--strict',
];
const indexTime = statSync(join(repo.dir, '.git', 'index')).mtimeMs;
const parallel = cli(args('site2', 'cache2', '2'));
const serial = cli(args('site1', 'cache1', '1'));
const page = (path: string) => readFileSync(join(work, 'site2', path), 'utf8');
const summary = (stderr: string) => stderr.split('\n').find((l) => l.startsWith('built ')) ?? '';

test('executed pages show outputs: a plot, a data file and a helper module beside the notebook', () => {
  const plotPage = page('course/plot.html');
  const png = /<img [^>]*src="(_assets\/[0-9a-f]{16}\.png)"/.exec(plotPage);
  assert.ok(png, 'the plot is an image on the page');
  assert.ok(existsSync(join(work, 'site2', 'course', png[1] as string)));
  assert.match(plotPage, /plotted/);
  assert.match(
    plotPage,
    /<p class="executed-note">Outputs computed when the site was built, with the Python 3 kernel, from the notebook as committed on <time datetime="2026-01-05T11:00:00\+00:00">2026-01-05<\/time>\.<\/p>/,
  );
  const data = page('course/lessons/data.html');
  assert.match(data, /4;5;6/);
  assert.match(data, />42</);
  assert.match(
    readFileSync(join(work, 'site2', 'course', 'feed.xml'), 'utf8'),
    /4;5;6/,
    'feeds carry the same outputs',
  );
});

test('a notebook saved with outputs is rendered as saved', () => {
  const saved = page('course/saved.html');
  assert.match(saved, /as-saved-output/);
  assert.not.match(saved, /executed-note/);
});

test('a cell that raises stops the notebook: outputs up to it, its traceback, a diagnostic, --strict exits 1', () => {
  assert.is(parallel.code, 1, parallel.stderr);
  const rules = new Set(
    parallel.stderr
      .split('\n')
      .flatMap((l) => (l.startsWith('warning') || l.startsWith('error') ? [/\[([\w-]+)\]$/.exec(l)?.[1]] : [])),
  );
  assert.equal(
    [...rules].sort(),
    ['execute-cell-error', 'execute-kernel-died', 'execute-timeout'],
    'the failed runs alone make --strict exit 1',
  );
  const error = page('course/error.html');
  assert.match(error, /before/);
  assert.match(error, /ValueError/);
  assert.not.match(error, /after/);
  assert.match(
    parallel.stderr,
    /warning \(branch course, error\.ipynb, cell 3\): executing the notebook stopped at a cell that raised ValueError: boom; .* \[execute-cell-error\]/,
  );
});

test('raises-exception runs on, skip-execution is not run', () => {
  const tags = page('course/tags.html');
  assert.match(tags, /ZeroDivisionError/);
  assert.match(tags, /continued/);
  assert.not.match(tags, /skipped/);
  assert.not.match(parallel.stderr, /tags\.ipynb/);
});

test('a cell past its timeout and a kernel that dies are reported; the build goes on', () => {
  assert.match(
    parallel.stderr,
    /warning \(branch hard, slow\.ipynb, cell 2\): a cell ran longer than 2 s and was stopped.*\[execute-timeout\]/,
  );
  assert.not.match(page('hard/slow.html'), /finished/);
  assert.match(
    parallel.stderr,
    /warning \(branch hard, dies\.ipynb, cell 3\): the python3 kernel died .*\[execute-kernel-died\]/,
  );
  assert.match(page('hard/dies.html'), /alive/);
});

test('one notebook on two branches with the same environment runs once; the summary counts', () => {
  assert.match(summary(parallel.stderr), /executed 6 \(1 from cache, 3 failed\)/, parallel.stderr);
  assert.match(page('copy/plot.html'), /plotted/);
});

test('kernels in parallel make the same site as one at a time', () => {
  assert.is(serial.code, 1, serial.stderr);
  const files = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort();
  const one = files(join(work, 'site1'));
  assert.equal(one, files(join(work, 'site2')));
  const differ = one.filter((f) => !readFileSync(join(work, 'site1', f)).equals(readFileSync(join(work, 'site2', f))));
  assert.equal(differ, [], `files that differ: ${differ.join(', ')}`);
});

test('a second build executes nothing and renders nothing', () => {
  const again = cli(args('site2', 'cache2', '2'));
  assert.match(summary(again.stderr), /0 rendered, 8 from cache.* executed 0 \(7 from cache, 3 failed\)/, again.stderr);
});

test('the repository, its index and working tree are untouched', () => {
  assert.is(statSync(join(repo.dir, '.git', 'index')).mtimeMs, indexTime);
  assert.is(repo.git('status', '--porcelain'), '');
  assert.is(repo.git('ls-files', '--others'), '');
  const all = readdirSync(repo.dir, { recursive: true }).map(String);
  assert.not.ok(
    all.some((f) => f.endsWith('written.txt')),
    'what a notebook writes stays in its temporary folder',
  );
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test.run();
