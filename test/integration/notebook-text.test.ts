// End to end: what a notebook's math and text become on its page, in the feeds, in the search
// index and in the build log, from a real git repository through the real CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');

let repo: TestRepo;
let work: string;
let out: string;
let log: string;

const read = (path: string) => readFileSync(join(out, path), 'utf8');
const page = (path: string) => new JSDOM(read(path)).window.document;

test.before(() => {
  repo = makeRepo('https://github.com/octo/linear-algebra.git');
  work = makeTempDir('bp-notebook-text-');
  out = join(work, 'site');
  repo.commit(
    'main',
    {
      'vectors.ipynb': notebookJson([
        md('# Vectors in $\\mathbb{R}^n$'),
        md('$\\newcommand{\\R}{\\mathbb{R}}\\newcommand{\\norm}[1]{\\left\\lVert #1 \\right\\rVert}$'),
        md('Let $x \\in \\R^n$ with $\\norm{x} = 1$.'),
        md('Broken: $\\frac{1}{$ and $\\abs{x}$.'),
      ]),
    },
    'vectors',
  );
  repo.commit(
    'course',
    {
      'styled.ipynb': notebookJson([
        md('# Week 3: Regression'),
        md(
          '<style>\n.callout { border-left: 4px solid teal; padding: 4px; }\n</style>\n\nIn this lesson we fit a linear model.',
        ),
      ]),
      'scripted.ipynb': notebookJson([md('# Week 4\n\n<script>console.log("hello")</script>\n\nWe compare models.')]),
    },
    'course',
  );
  const r = spawnSync(
    process.execPath,
    [BIN, 'build', '--repo', repo.dir, '--out', out, '--no-cache', '--site-url', 'https://example.org/la/'],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  assert.is(r.status, 0, r.stderr);
  log = r.stderr;
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('math: a \\newcommand of a name KaTeX has works as in Jupyter, and later cells use its macros', () => {
  const doc = page('main/vectors.html');
  assert.is(
    doc.querySelectorAll('#cell-1 .katex-error, #cell-1 [mathcolor="#cc0000"]').length,
    0,
    'the definitions render',
  );
  const used = doc.getElementById('cell-2');
  assert.is(used?.querySelectorAll('.katex').length, 2);
  assert.is(used?.querySelectorAll('.katex-error, [mathcolor="#cc0000"]').length, 0, '\\R and \\norm are known');
  assert.ok(used?.querySelector('mi[mathvariant="double-struck"]'));
});

test('math: each span that cannot be rendered is one warning naming branch, file and cell', () => {
  const warnings = log.split('\n').filter((line) => line.includes('[math-invalid]'));
  assert.equal(warnings, [
    "warning (branch main, vectors.ipynb, cell 4): Cell 4 has math that KaTeX cannot render: Unexpected end of input in a macro argument, expected '}', in `\\frac{1}{`. [math-invalid]",
    'warning (branch main, vectors.ipynb, cell 4): Cell 4 has math that KaTeX cannot render: Undefined control sequence: \\abs, in `\\abs{x}`. [math-invalid]',
  ]);
  assert.match(log, /hint: Define \\abs with \\newcommand in this cell or an earlier one/);
  const broken = page('main/vectors.html').getElementById('cell-3');
  assert.is(broken?.querySelector('.katex-error')?.textContent, '\\frac{1}{', 'the page still shows the source in red');
  assert.is(broken?.querySelector('[mathcolor="#cc0000"]')?.textContent, '\\abs');
});

test('a heading with math is the title: shown once, rendered in the page header, as TeX in text', () => {
  const doc = page('main/vectors.html');
  const h1s = doc.querySelectorAll('h1');
  assert.is(h1s.length, 1, 'one h1');
  const h1 = h1s[0];
  assert.is(h1?.closest('header')?.className, 'notebook-header');
  assert.is(h1?.id, 'vectors-in-mathbbrn', "with the heading's id");
  assert.is(h1?.querySelector('.katex annotation')?.textContent, '\\mathbb{R}^n', 'the math rendered');
  assert.not.match(h1?.querySelector('.katex-html')?.textContent ?? '$', /[$\\]/);
  assert.is(doc.title.split(' · ')[0], 'Vectors in \\mathbb{R}^n');
  const feed = JSON.parse(read('main/feed.json'));
  assert.is(feed.items[0]?.title, 'Vectors in \\mathbb{R}^n');
  const search = JSON.parse(read('search-index.json'));
  assert.is(search.entries.find((e: { u: string }) => e.u === 'main/vectors.html')?.t, 'Vectors in \\mathbb{R}^n');
});

test('CSS and scripts in a markdown cell never become the summary, in the build page, feeds or search', () => {
  const summaries = {
    'course/styled.html': 'In this lesson we fit a linear model.',
    'course/scripted.html': 'We compare models.',
  };
  const feed = JSON.parse(read('course/feed.json'));
  const search = JSON.parse(read('search-index.json'));
  for (const [path, summary] of Object.entries(summaries)) {
    assert.is(feed.items.find((i: { url: string }) => i.url.endsWith(path))?.summary, summary, path);
    assert.is(search.entries.find((e: { u: string }) => e.u === path)?.s, summary, path);
  }
  const index = page('course/index.html').body.textContent ?? '';
  assert.ok(index.includes('In this lesson we fit a linear model.') && index.includes('We compare models.'));
  for (const file of [
    'course/index.html',
    'course/feed.json',
    'course/feed.xml',
    'course/atom.xml',
    'feed.json',
    'search-index.json',
  ]) {
    assert.not.match(read(file), /callout|console\.log/, `${file} holds no CSS or script`);
  }
});

test.run();
