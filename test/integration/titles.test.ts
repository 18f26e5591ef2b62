// End to end: titles of real-shaped course notebooks. Chapters that open with an attribution and
// a series heading (as a textbook's code examples do) keep their headings in place, and two
// notebooks with one title are a warning naming both, told apart on the build page by path.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { duplicateTitles } from '../../src/pipeline/duplicate-titles.js';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

test('duplicateTitles: one warning per group, naming every path; case and spacing do not matter', () => {
  const d = duplicateTitles([
    { branch: 'main', path: 'ch03.ipynb', title: 'Python Machine Learning' },
    { branch: 'main', path: 'ch02.ipynb', title: 'Python  machine learning' },
    { branch: 'main', path: 'ch04.ipynb', title: 'Python Machine Learning' },
    { branch: 'main', path: 'intro.ipynb', title: 'Introduction' },
  ]);
  assert.is(d.length, 1);
  assert.is(d[0]!.rule, 'title-duplicate');
  assert.is(d[0]!.path, 'ch02.ipynb');
  assert.match(d[0]!.message, /^`ch02\.ipynb`, `ch03\.ipynb` and `ch04\.ipynb` have the same title/);
  assert.equal(
    duplicateTitles([
      { branch: 'b', path: 'a.ipynb', title: 'A' },
      { branch: 'b', path: 'b.ipynb', title: 'B' },
    ]),
    [],
  );
});

test('chapters with an attribution and a series heading: headings stay, duplicates are reported', () => {
  const repo = makeRepo();
  const work = makeTempDir('bp-titles-');
  const chapter = (n: number, name: string) =>
    notebookJson([
      md(
        '[Sebastian Raschka](http://sebastianraschka.com), 2015\n\nhttps://github.com/rasbt/python-machine-learning-book',
      ),
      md('# Python Machine Learning - Code Examples'),
      md(`# Chapter ${n} - ${name}`),
      code('import numpy as np'),
    ]);
  try {
    repo.commit(
      'main',
      { 'ch02.ipynb': chapter(2, 'Training Algorithms'), 'ch03.ipynb': chapter(3, 'A Tour of Classifiers') },
      'chapters',
    );
    const out = join(work, 'out');
    const r = spawnSync(
      process.execPath,
      [resolve('bin/binderpress.js'), 'build', '--repo', repo.dir, '--out', out, '--no-cache'],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    assert.is(r.status, 0, r.stderr);
    const warning = r.stderr.split('\n').find((l) => l.includes('[title-duplicate]'));
    assert.ok(warning, r.stderr);
    assert.match(
      warning!,
      /`ch02\.ipynb` and `ch03\.ipynb` have the same title, “Python Machine Learning - Code Examples”/,
    );
    const page = new JSDOM(readFileSync(join(out, 'main', 'ch02.html'), 'utf8')).window.document;
    const body = page.querySelector('article.notebook')!;
    // The attribution comes first on the page, then the series heading, then the chapter's.
    const first = body.querySelector('section.cell');
    assert.match(first?.textContent ?? '', /Sebastian Raschka/);
    assert.equal(
      [...body.querySelectorAll('h1')].map((h) => h.textContent?.replace(/#$/, '').trim()),
      ['Python Machine Learning - Code Examples', 'Chapter 2 - Training Algorithms'],
    );
    const index = new JSDOM(readFileSync(join(out, 'main', 'index.html'), 'utf8')).window.document;
    assert.equal(
      [...index.querySelectorAll('.card code')].map((c) => c.textContent),
      ['ch02.ipynb', 'ch03.ipynb'],
    );
  } finally {
    repo.remove();
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
