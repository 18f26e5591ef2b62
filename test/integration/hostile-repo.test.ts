// End to end: a repository made to take the build down (a title librsvg rejects, outputs too long
// for a page string, names no disk can hold, thousands of tags) beside a normal notebook. The real
// CLI from dist/ on a real git repository: the normal page is built, each problem is a diagnostic
// naming branch and notebook, the exit code is 0 (1 with --strict).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const work = makeTempDir('bp-hostile-');
test.after(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const NORMAL = notebookJson([md('# Normal page\n\nStill here.')]);

/** Commits files at paths no working tree can hold, with git plumbing (the index only). */
function commitByIndex(repo: TestRepo, files: Record<string, string>, message: string): void {
  for (const [path, text] of Object.entries(files)) {
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: text })
      .toString()
      .trim();
    repo.git('update-index', '--add', '--cacheinfo', `100644,${blob},${path}`);
  }
  repo.git('commit', '-q', '-m', message);
}

test('a title with U+FFFF, a 300-byte name, 1,200 folders, a branch of 300 parts, 20,000 tags: the rest is built, each one reported', () => {
  const repo = makeRepo();
  const tags = Array.from({ length: 20_000 }, (_, i) => `tag${i}`);
  repo.commit(
    'main',
    {
      'ok.ipynb': NORMAL,
      'title.ipynb': notebookJson([md('# Bad \uffff title\n\nText.')]),
      'tags.ipynb': notebookJson([md('# Tagged\n\nText.')], { tags }),
    },
    'hostile notebooks',
  );
  const long = `${'a'.repeat(300)}.ipynb`;
  const deep = `${Array(1200).fill('dir').join('/')}/deep.ipynb`;
  commitByIndex(
    repo,
    { [long]: notebookJson([md('# Long name')]), [deep]: notebookJson([md('# Deep')]) },
    'names no disk holds',
  );
  const branch = Array(300).fill('topic').join('/');
  repo.git('branch', branch, 'main');
  const out = join(work, 'site');
  const args = [
    'build',
    '--repo',
    repo.dir,
    '--branches',
    'main',
    branch,
    '--out',
    out,
    '--no-cache',
    '--site-url',
    'https://example.org/s/',
    '--force-out',
  ];
  const r = cli(args);
  const strict = cli([...args, '--strict']);
  repo.remove();

  assert.is(r.code, 0, r.stderr);
  assert.is(strict.code, 1, 'problems fail --strict');
  assert.match(readFileSync(join(out, 'main/ok.html'), 'utf8'), 'Still here.');
  // The card is drawn, without the character librsvg refused.
  const titlePage = readFileSync(join(out, 'main/title.html'), 'utf8');
  const card = /<meta property="og:image" content="https:\/\/example\.org\/s\/main\/_assets\/([0-9a-f]{16}\.png)"/.exec(
    titlePage,
  )?.[1];
  assert.ok(card && existsSync(join(out, 'main/_assets', card)), 'the title card is written');
  assert.match(r.stderr, `error (branch main, ${long}): this notebook is left out of the site: the name aaaa`);
  assert.match(
    r.stderr,
    /error \(branch main, dir\/dir\/.*\/deep\.ipynb\): this notebook is left out of the site: its output path is 4,8\d\d bytes long/,
  );
  assert.match(
    r.stderr,
    'warning (branch main, tags.ipynb): the notebook has 20,000 tags; the first 32 by name are kept',
  );
  assert.match(r.stderr, `error (branch ${branch}): branch ${branch} is left out of the site: the name topic-topic-`);
  assert.not.match(r.stderr, /warning \(branch(es main,)? topic\//, 'nothing else is said of the branch left out');
  assert.equal(
    readdirSync(out).filter((f) => f.startsWith('topic')),
    [],
  );
  assert.not.ok(existsSync(join(out, 'main', long.replace('.ipynb', '.html'))));
  // 32 tags, each a page and three feeds; the notebook's feed item carries 32 categories.
  assert.is(readdirSync(join(out, 'tags')).length, 32);
  const item =
    readFileSync(join(out, 'main/feed.xml'), 'utf8')
      .split('<item>')
      .find((i) => i.includes('tags.html')) ?? '';
  assert.is(item.match(/<category>/g)?.length, 32);
});

// `&` is 5 characters of HTML (`&amp;`) and 1 of JSON: a notebook of 120 MB whose page was more
// than 2^29 characters.
const ampersands = (n: number) => ({ output_type: 'stream', name: 'stdout', text: '&'.repeat(n) });

/** A repository with a normal notebook and one whose cell prints three streams of `n` ampersands. */
function streamsRepo(n: number): TestRepo {
  const repo = makeRepo();
  repo.commit(
    'main',
    {
      'ok.ipynb': NORMAL,
      'spam.ipynb': notebookJson([md('# Spam'), code('spam()', [ampersands(n), ampersands(n), ampersands(n)])]),
    },
    'three long streams',
  );
  return repo;
}

function assertStreamsCut(r: ReturnType<typeof cli>, out: string, megabytes: string): void {
  assert.is(r.code, 0, r.stderr);
  assert.match(readFileSync(join(out, 'main/ok.html'), 'utf8'), 'Still here.');
  const page = readFileSync(join(out, 'main/spam.html'), 'utf8');
  assert.ok(page.length < 100_000, `the page is ${page.length} characters`);
  assert.match(
    page,
    `Left out of this page: the rest of this output, 1 line (${megabytes}). <a href="spam.ipynb" download>Download the notebook</a>`,
  );
  assert.ok(existsSync(join(out, 'main/spam.ipynb')), 'the notebook is there to download');
  assert.match(
    r.stderr,
    `warning (branch main, spam.ipynb, cell 2): Cell 2 (cell-1) has an output of ${megabytes}, more than a page holds`,
  );
}

test('three streams of 4 million characters (over the 10 million an output may have): the page shows their start', () => {
  const repo = streamsRepo(4_000_000);
  const out = join(work, 'streams');
  const r = cli(['build', '--repo', repo.dir, '--out', out, '--no-cache', '--site-url', 'https://example.org/s/']);
  repo.remove();
  assertStreamsCut(r, out, '12.0 MB');
});

test("three streams of 40 million characters, which made a page string past V8's longest: the build goes on", () => {
  const repo = streamsRepo(40_000_000);
  const out = join(work, 'huge');
  const r = cli(['build', '--repo', repo.dir, '--out', out, '--no-cache', '--site-url', 'https://example.org/s/']);
  repo.remove();
  assert.is(r.signal, null, r.stderr.slice(0, 2000));
  // A notebook file of 120 MB is over the notebook size limit: it is left out, named, before
  // anything tries to hold its page; the other notebook is built.
  assert.is(r.code, 0, r.stderr);
  assert.match(readFileSync(join(out, 'main/ok.html'), 'utf8'), 'Still here.');
  assert.not.ok(existsSync(join(out, 'main/spam.html')));
  const line = r.stderr.split('\n').find((l) => l.includes('spam.ipynb')) ?? r.stderr.slice(0, 2000);
  assert.match(
    line,
    /^error \(branch main, spam\.ipynb\): the notebook is [\d.]+ MB, over the limit of [\d.]+ MB; it was left out/,
  );
});

test.run();
