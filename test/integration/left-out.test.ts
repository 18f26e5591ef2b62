// End to end: what a build leaves out and says so. Notebooks whose names differ only in case (one
// is kept, and every link in the site points at it) and branches or folders without notebooks
// (a notice, or a fatal error when the selection holds no notebook at all). Real git repositories
// and folders, the real CLI from dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every text file of the output (pages, feeds, sitemap, search index), by output path. */
function textFiles(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of textFiles(dir, rel)) out.set(k, v);
    else if (/\.(html|xml|json|opml|txt)$/.test(entry.name)) out.set(rel, readFileSync(join(dir, rel), 'utf8'));
  }
  return out;
}

const work = makeTempDir('bp-left-out-');
test.after(() => rmSync(work, { recursive: true, force: true }));

test('of two notebooks whose names differ only in case, one is kept and every link points at it', () => {
  const repo = makeRepo();
  const notebooks = (lower: string, upper: string) => ({
    'lesson.ipynb': notebookJson([md(`# ${lower}\n\nThe older copy.`)]),
    'Lesson.ipynb': notebookJson([md(`# ${upper}\n\nThe renamed copy.`)]),
    'zz.ipynb': notebookJson([md('# Zz last\n\nThe end.')]),
  });
  repo.commit('main', notebooks('Main lower', 'Main upper'), 'both names');
  // Here the table of contents names the lowercase one: the course's own order decides.
  repo.commit(
    'toc',
    { ...notebooks('Toc lower', 'Toc upper'), '_toc.yml': 'format: jb-book\nroot: zz\nchapters:\n  - file: lesson\n' },
    'with a toc',
  );
  const out = join(work, 'case');
  const r = cli(['build', '--repo', repo.dir, '--out', out, '--no-cache', '--site-url', 'https://example.org/c/']);
  repo.remove();

  assert.is(r.code, 1, 'a notebook is lost to the collision');
  assert.match(
    r.stderr,
    'error (branch main, lesson.ipynb): notebooks `Lesson.ipynb` and `lesson.ipynb` would both be written to main/Lesson.html',
  );
  assert.match(
    r.stderr,
    '`Lesson.ipynb` is kept (the first by path) and `lesson.ipynb` is left out [output-collision]',
  );
  assert.match(
    r.stderr,
    'error (branch toc, Lesson.ipynb): notebooks `lesson.ipynb` and `Lesson.ipynb` would both be written to toc/lesson.html',
  );
  assert.match(
    r.stderr,
    '`lesson.ipynb` is kept (_toc.yml lists it) and `Lesson.ipynb` is left out [output-collision]',
  );
  const lines = r.stderr.split('\n');
  const hints = lines.filter((_, i) => /\[output-collision\]$/.test(lines[i - 1] ?? ''));
  assert.equal(
    hints,
    Array(2).fill(
      '  hint: rename one of the two notebooks so their names differ by more than case, or delete the one that is not wanted',
    ),
    'no advice about branches for notebook names',
  );

  const files = textFiles(out);
  assert.match(files.get('main/Lesson.html') ?? '', 'Main upper');
  assert.match(files.get('toc/lesson.html') ?? '', 'Toc lower');
  assert.ok(
    existsSync(join(out, 'main', 'Lesson.ipynb')) && existsSync(join(out, 'toc', 'lesson.ipynb')),
    'the kept notebooks are there to download',
  );
  for (const gone of ['main/lesson.html', 'main/lesson.ipynb', 'toc/Lesson.html', 'toc/Lesson.ipynb'])
    assert.not.ok(existsSync(join(out, gone)), `${gone} is not written`);
  for (const [path, text] of files) {
    assert.not.ok(
      /main\/lesson\.(html|ipynb)|toc\/Lesson\.(html|ipynb)/.test(text),
      `${path} links to a page that is left out`,
    );
    if (path.startsWith('main/'))
      assert.not.ok(/href="lesson\.(html|ipynb)"/.test(text), `${path} links to main/lesson.html`);
    if (path.startsWith('toc/'))
      assert.not.ok(/href="Lesson\.(html|ipynb)"/.test(text), `${path} links to toc/Lesson.html`);
    assert.not.ok(/Main lower|Toc upper/.test(text), `${path} holds a left-out notebook`);
  }
  // Every place that lists pages names the kept one.
  for (const path of ['index.html', 'sitemap.xml', 'feed.xml', 'atom.xml', 'feed.json', 'search-index.json']) {
    const text = files.get(path) ?? '';
    assert.ok(text.includes('main/Lesson.html') && text.includes('toc/lesson.html'), `${path} names both kept pages`);
  }
  assert.match(files.get('main/index.html') ?? '', 'href="Lesson.html"');
  assert.match(files.get('main/zz.html') ?? '', 'href="Lesson.html"');
  // The toc's order holds for the kept page: zz, then lesson.
  assert.match(files.get('toc/zz.html') ?? '', /rel="next" href="lesson\.html"/);
});

test('a branch without notebooks is left out with one notice, and no Binder advice for it', () => {
  const repo = makeRepo();
  repo.commit('main', { 'lesson.ipynb': notebookJson([md('# Lesson')]), 'requirements.txt': 'numpy\n' }, 'notebooks');
  repo.commit('docs', { 'README.md': '# Docs\n', 'logo.png': 'not really a png' }, 'docs only');
  const out = join(work, 'docs-all');
  const r = cli(['build', '--repo', repo.dir, '--out', out, '--no-cache']);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stderr.split('\n');
  const aboutDocs = lines.filter((l, i) => /branch docs/.test(l) || /branch docs/.test(lines[i - 1] ?? ''));
  assert.equal(aboutDocs.slice(0, 1), [
    'info (branch docs): branch docs has no notebooks (.ipynb); it is left out of the site [source-no-notebooks]',
  ]);
  assert.is(aboutDocs.length, 2, `one notice and its hint: ${aboutDocs.join('\n')}`);
  assert.match(aboutDocs[1] ?? '', /hint: if it should be a build, add notebooks \(\.ipynb\) to it/);
  assert.not.match(r.stderr, /env-none/, 'no Binder advice for a branch that has no notebook');
  assert.not.ok(existsSync(join(out, 'docs')));
  assert.ok(existsSync(join(out, 'main', 'lesson.html')));

  // Chosen alone, it leaves nothing to build: a fatal error that says where notebooks are, and
  // the site already in the output folder is left as it was.
  const before = readFileSync(join(out, 'index.html'), 'utf8');
  const alone = cli(['build', '--repo', repo.dir, '--out', out, '--no-cache', '--branches', 'docs']);
  assert.is(alone.code, 2, alone.stderr);
  assert.match(
    alone.stderr,
    'binderpress: nothing to build: branch docs has no notebooks (.ipynb)\n  hint: branches with notebooks: main; choose them with --branches',
  );
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), before);

  const two = cli([
    'build',
    '--repo',
    repo.dir,
    '--out',
    join(work, 'docs-two'),
    '--no-cache',
    '--branches',
    'docs',
    'root',
  ]);
  assert.is(two.code, 2, two.stderr);
  assert.match(two.stderr, 'nothing to build: none of the branches docs, root has notebooks (.ipynb)');
  repo.remove();
});

test('--dir: a folder without notebooks is left out; no folder with notebooks is a fatal error', () => {
  const dir = makeTempDir('bp-left-out-dir-');
  mkdirSync(join(dir, 'week-1'));
  writeFileSync(join(dir, 'week-1', 'hello.ipynb'), notebookJson([md('# Hello')]));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'table.csv'), 'a,b\n1,2\n');
  const r = cli(['build', '--dir', dir, '--out', join(work, 'dir-all'), '--no-cache']);
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    'info (folder data): folder data has no notebooks (.ipynb); it is left out of the site [source-no-notebooks]',
  );
  const alone = cli(['build', '--dir', dir, '--out', join(work, 'dir-data'), '--no-cache', '--branches', 'data']);
  assert.is(alone.code, 2, alone.stderr);
  assert.match(
    alone.stderr,
    'nothing to build: folder data has no notebooks (.ipynb)\n  hint: folders with notebooks: week-1;',
  );
  assert.not.ok(existsSync(join(work, 'dir-data')));
  rmSync(dir, { recursive: true, force: true });
});

test.run();
