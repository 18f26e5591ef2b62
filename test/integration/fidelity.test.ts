// Issue 3, point 3 end to end: cell attachments and relative links (to another notebook's heading
// and to an image file of the branch) in a site built by the real CLI from a real git repository.
// Every URL on the page must resolve to a file of the output holding the right bytes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ATTACHMENTS = readFileSync(join(import.meta.dirname, '../fixtures/markdown/attachments.ipynb'), 'utf8');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEIGBn+MzAwAAAw7gP9bq2fLQAAAABJRU5ErkJggg==',
  'base64',
);

let repo: TestRepo;
let work: string;
let log = '';
const out = () => join(work, 'site');

test.before(() => {
  work = makeTempDir('bp-');
  repo = makeRepo('https://github.com/octo-org/course.git');
  const links = notebookJson([
    md('# Links\n\nSee [the pasted figure](attachments.ipynb#pasted-image).\n\n![the logo](../img/logo%20small.png)'),
  ]);
  repo.commit(
    'course',
    { 'lessons/attachments.ipynb': ATTACHMENTS, 'lessons/links.ipynb': links, 'img/logo small.png': PNG },
    'course',
  );
  const args = [
    join(ROOT, 'bin/binderpress.js'),
    'build',
    '--repo',
    repo.dir,
    '--out',
    out(),
    '--site-url',
    'https://example.org/',
    '--no-cache',
    '--force-out',
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  log = r.stderr;
  if (r.status !== 0) throw new Error(`binderpress build failed (${r.status}):\n${r.stderr}`);
});

test.after(() => {
  repo?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The output file a relative URL on the page at `page` points to (fragment dropped). */
function target(page: string, url: string): string {
  assert.not.match(url, /^[a-z][a-z0-9+.-]*:|^\//i, `${url} is not relative`);
  const path = decodeURIComponent(url.split('#')[0] ?? '');
  return join(out(), posix.normalize(posix.join(posix.dirname(page), path)));
}

const page = (rel: string) => new JSDOM(readFileSync(join(out(), rel), 'utf8')).window.document;

test("a pasted attachment becomes a file of the site holding the attachment's bytes", () => {
  const doc = page('course/lessons/attachments.html');
  const img = doc.querySelector('article img[alt="a pasted figure"]');
  assert.ok(img, doc.querySelector('article')?.innerHTML);
  const file = target('course/lessons/attachments.html', img!.getAttribute('src')!);
  const nb = JSON.parse(ATTACHMENTS) as {
    cells: { attachments?: Record<string, Record<string, string | string[]>> }[];
  };
  const data = nb.cells[0]?.attachments?.['image.png']?.['image/png'];
  const expected = Buffer.from((Array.isArray(data) ? data.join('') : (data ?? '')).replace(/\s+/g, ''), 'base64');
  assert.ok(expected.length > 0);
  assert.equal(readFileSync(file), expected);
  // The attachment the cell lacks: its alt text stays, and the build says which cell.
  assert.match(doc.querySelector('article')!.textContent ?? '', 'gone');
  assert.match(log, /lessons\/attachments\.ipynb, cell 1\).*attachment "missing\.png"/);
});

test("a link to another notebook's heading and an image of the branch resolve in the built site", () => {
  const doc = page('course/lessons/links.html');
  const a = doc.querySelector('article a[href*="attachments"]');
  assert.ok(a, doc.querySelector('article')?.innerHTML);
  const href = a!.getAttribute('href')!;
  assert.match(href, /attachments\.html#pasted-image$/);
  const linked = target('course/lessons/links.html', href);
  assert.ok(existsSync(linked), linked);
  const img = doc.querySelector('article img[alt="the logo"]');
  assert.ok(img);
  assert.equal(readFileSync(target('course/lessons/links.html', img!.getAttribute('src')!)), PNG);
});

test('the heading a link names exists on the linked page, even when it became the page title', () => {
  // The notebook opens with `# Pasted image`: the page header's <h1> shows it, and the link
  // `attachments.ipynb#pasted-image` must still land on it.
  const doc = page('course/lessons/attachments.html');
  assert.ok(
    doc.getElementById('pasted-image'),
    `no element with id "pasted-image"; h1: ${doc.querySelector('h1')?.outerHTML}`,
  );
});

test.run();
