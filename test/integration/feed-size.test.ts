// End to end: a notebook whose cell printed megabytes, in a real git repository, built by the real
// CLI: the page keeps the output, the site's and the branch's feeds stay small and valid (xmllint,
// jing with the Atom schema, Debian's feedparser), and the build warns once about the notebook.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { feedparse, jing, xmllint } from '../support/feed-parsers.js';
import { ATOM_RNC } from '../support/feed-samples.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const SITE = 'https://example.org/course/';
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stderr: r.stderr };
};

/** 6,000 rows of 400 characters, printed in a loop: 2.4 MB. */
const printed = `${Array.from({ length: 6000 }, (_, i) => `row ${i} `.padEnd(399, 'x')).join('\n')}\n`;
const FEEDS = ['feed.xml', 'atom.xml', 'feed.json'].flatMap((name) => [name, `lessons/${name}`]);

let repo: TestRepo;
let work: string;

test.before(() => {
  repo = makeRepo('git@github.com:octo-org/course-repo.git');
  work = makeTempDir('bp-feed-size-');
  repo.commit('main', { 'index.ipynb': notebookJson([md('# Welcome\n\nStart here.')]) }, 'main');
  repo.commit(
    'lessons',
    {
      'big.ipynb': notebookJson([
        md('# Big output'),
        code('for r in rows: print(r)', [{ output_type: 'stream', name: 'stdout', text: printed }]),
        code('len(rows)', [
          { output_type: 'execute_result', execution_count: 2, data: { 'text/plain': '6000' }, metadata: {} },
        ]),
        md('The xylophonist comes after the output.'),
      ]),
      'small.ipynb': notebookJson([
        md('# Small'),
        code('print(1)', [{ output_type: 'stream', name: 'stdout', text: '1\n' }]),
      ]),
    },
    'lessons',
  );
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

const build = (out: string, cache: string) =>
  cli(['build', '--repo', repo.dir, '--out', join(work, out), '--site-url', SITE, '--cache', join(work, cache)]);
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.includes('[output-too-large]'));

test('a huge output stays on its page; every feed carries its first lines and a link, and stays small and valid', () => {
  const r = build('site', 'cache');
  assert.is(r.code, 0, r.stderr);
  const out = join(work, 'site');
  assert.ok(
    readFileSync(join(out, 'lessons', 'big.html'), 'utf8').includes('row 5999 '),
    'the page has the whole output',
  );
  for (const feed of FEEDS)
    assert.ok(statSync(join(out, feed)).size < 50_000, `${feed}: ${statSync(join(out, feed)).size} bytes`);

  const xml = FEEDS.filter((f) => f.endsWith('.xml')).map((f) => readFileSync(join(out, f), 'utf8'));
  for (const [i, doc] of xml.entries()) assert.is(xmllint(doc), '', FEEDS[i]);
  assert.equal(jing(ATOM_RNC, ...xml.filter((d) => d.includes('<feed'))), ['', '']);
  for (const [i, parsed] of feedparse(...xml).entries()) {
    assert.is(parsed.bozo, 0, `${FEEDS[i]}: ${parsed.bozo_exception}`);
    const entry = parsed.entries.find((e) => e.link === `${SITE}lessons/big.html`);
    const content = entry?.content[0]?.value ?? '';
    assert.match(content, 'row 0 ');
    assert.not.match(content, 'row 5999 ');
    assert.match(content, /Left out of this feed: the rest of this output, 5,99\d lines \(2\.4 MB\)/);
    assert.match(content, `<a href="${SITE}lessons/big.html#cell-1">`);
    assert.match(content, '6000', 'the cell after it is whole');
  }
  for (const feed of FEEDS.filter((f) => f.endsWith('.json'))) {
    const items = (
      JSON.parse(readFileSync(join(out, feed), 'utf8')) as { items: { url: string; content_html: string }[] }
    ).items;
    assert.match(items.find((i) => i.url === `${SITE}lessons/big.html`)?.content_html ?? '', 'Left out of this feed');
  }
});

test('the build warns once about the notebook, naming branch, file and cell, also when it comes from the cache', () => {
  const rendered = build('warned', 'fresh-cache');
  assert.match(rendered.stderr, /\(3 rendered, 0 from cache/);
  const first = warnings(rendered.stderr);
  assert.is(first.length, 1, first.join('\n'));
  assert.match(
    first[0] as string,
    /^warning \(branch lessons, big\.ipynb, cell 2\): Cell 2 \(cell-1\) has an output of 2\.4 MB/,
  );
  const again = build('again', 'fresh-cache');
  assert.equal(warnings(again.stderr), first);
  assert.match(again.stderr, /hint: Clear or shorten the output/);
  assert.match(again.stderr, /\(0 rendered, 3 from cache/);
  for (const feed of FEEDS)
    assert.ok(
      readFileSync(join(work, 'again', feed)).equals(readFileSync(join(work, 'site', feed))),
      `${feed} identical`,
    );
});

test('the cells after a huge output are searchable: the index reads its first lines, not all of it', () => {
  const out = join(work, 'site');
  const index = JSON.parse(readFileSync(join(out, 'search-index.json'), 'utf8')) as {
    entries: { u: string; x: string }[];
  };
  const big = index.entries.find((e) => e.u.endsWith('lessons/big.html'));
  assert.ok(big, 'the notebook is in the index');
  assert.match(big?.x ?? '', 'row 0 ');
  assert.not.match(big?.x ?? '', 'row 5999 ');
  assert.match(big?.x ?? '', 'xylophonist comes after the output');
});

test.run();
