// End to end: binderpress run from a subfolder of a repository works as git does, from the
// repository's root: its binderpress.yml is read, and public/ and .cache/ are the root's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeRepo, md, notebookJson } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');

test('run from a subfolder: the root config is read, output and cache land at the root', () => {
  const repo = makeRepo();
  try {
    repo.commit('main', { 'lessons/one.ipynb': notebookJson([md('# One\n\nText.')]) }, 'a lesson');
    writeFileSync(
      join(repo.dir, 'binderpress.yml'),
      'title: Course from the root config\nsiteUrl: https://example.org/course/\n',
    );
    const sub = join(repo.dir, 'lessons');
    const r = spawnSync(process.execPath, [BIN, 'build'], {
      cwd: sub,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.is(r.status, 0, r.stderr);
    assert.ok(existsSync(join(repo.dir, 'public', 'index.html')), 'the site is written at the root');
    assert.match(readFileSync(join(repo.dir, 'public', 'index.html'), 'utf8'), /Course from the root config/);
    assert.ok(existsSync(join(repo.dir, '.cache', 'binderpress')), 'the cache is at the root');
    assert.not.ok(
      existsSync(join(sub, 'public')) || existsSync(join(sub, '.cache')),
      'nothing is written in the subfolder',
    );
    // An explicit --out is still taken from where the command runs.
    const own = spawnSync(process.execPath, [BIN, 'build', '--out', 'here', '--no-cache'], {
      cwd: sub,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.is(own.status, 0, own.stderr);
    assert.ok(existsSync(join(sub, 'here', 'index.html')));
  } finally {
    repo.remove();
  }
});

test("run from a subfolder: execute.python given as a path is the root's", () => {
  const repo = makeRepo();
  try {
    const stripped = notebookJson([md('# Stripped'), code('print(6 * 7)', [], null)]);
    repo.commit('main', { 'lessons/run.ipynb': stripped }, 'a notebook saved without outputs');
    mkdirSync(join(repo.dir, 'tools'));
    symlinkSync('/usr/bin/python3', join(repo.dir, 'tools', 'py'));
    writeFileSync(join(repo.dir, 'binderpress.yml'), 'siteUrl: https://example.org/\nexecute:\n  python: tools/py\n');
    const r = spawnSync(process.execPath, [BIN, 'build', '--no-cache'], {
      cwd: join(repo.dir, 'lessons'),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stderr, /executed 1 \(0 from cache, 0 failed\)/);
    assert.match(readFileSync(join(repo.dir, 'public', 'main', 'lessons', 'run.html'), 'utf8'), />42\n?</);
  } finally {
    repo.remove();
  }
});

test.run();
