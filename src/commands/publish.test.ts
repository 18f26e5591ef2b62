import type { BinderpressError } from '../io/errors.js';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig, type Config } from '../config.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../../test/support/git-repo.js';
import { publishMessage, runPublish } from './publish.js';
import { selectSourceBranches } from './source-branches.js';

let repo: TestRepo;
let work: string;
let lines: string[];
const log = (line: string) => void lines.push(line);

function config(extra: Parameters<typeof resolveConfig>[1] = {}): Config {
  return resolveConfig(
    { title: 'Course' },
    { repo: repo.dir, out: join(work, 'public'), siteUrl: 'https://example.org/course/', cache: false, ...extra },
  );
}

function tree(ref: string): string[] {
  return repo.git('-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', ref).split('\0').filter(Boolean);
}

test.before.each(() => {
  lines = [];
  work = makeTempDir();
  repo = makeRepo('https://github.com/octo-org/course.git');
  repo.commit(
    'main',
    {
      'intro.ipynb': notebookJson([
        md('# Intro\n\nHello.'),
        code('1 + 1', [
          { output_type: 'execute_result', data: { 'text/plain': '2' }, metadata: {}, execution_count: 1 },
        ]),
      ]),
    },
    'main notebooks',
  );
  repo.commit('extra', { 'more.ipynb': notebookJson([md('# More\n\nText.')]) }, 'extra notebooks');
  repo.git('checkout', '-q', 'main');
  repo.git('branch', '-q', '-D', 'root');
  writeFileSync(join(repo.dir, 'draft.ipynb'), 'work in progress, not committed');
  writeFileSync(join(repo.dir, '.git', 'info', 'exclude'), '');
});

test.after.each(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('runPublish: builds and commits the site to gh-pages; a second run changes nothing', async () => {
  const status = repo.git('status', '--porcelain');
  assert.is(await runPublish(config(), { branch: 'gh-pages', keep: [], force: false, log }), 0, lines.join('\n'));
  const files = tree('gh-pages');
  for (const f of [
    'index.html',
    '.nojekyll',
    'main/intro.html',
    'main/intro.ipynb',
    'extra/more.html',
    'sitemap.xml',
    'robots.txt',
  ])
    assert.ok(files.includes(f), `${f} in ${files.join(' ')}`);
  assert.ok(
    lines.some((l) => /^published \d+ files to gh-pages: [0-9a-f]{12} \(new branch\)$/.test(l)),
    lines.join('\n'),
  );
  assert.is(repo.git('status', '--porcelain'), status, 'working tree untouched');
  assert.is(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim(), 'main');
  const newest = repo.git('log', '-1', '--format=%aI', 'extra').trim();
  assert.is(
    repo.git('log', '-1', '--format=%aI|%cI', 'gh-pages').trim(),
    `${newest}|${newest}`,
    'dated by the newest source commit',
  );
  assert.match(
    repo.git('log', '-1', '--format=%B', 'gh-pages'),
    /^Publish 2 builds: extra, main\n\nextra [0-9a-f]{12}\nmain [0-9a-f]{12}\n/,
  );

  lines = [];
  const tip = repo.git('rev-parse', 'gh-pages').trim();
  assert.is(await runPublish(config(), { branch: 'gh-pages', keep: [], force: false, log }), 0);
  assert.ok(
    lines.some((l) => l.startsWith('no change: gh-pages already holds this site')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l === 'not building gh-pages: published site'),
    'the site branch is not built as a source',
  );
  assert.is(repo.git('rev-parse', 'gh-pages').trim(), tip);
  assert.not.ok(tree('gh-pages').some((f) => f.startsWith('gh-pages/')));
});

test('runPublish: a new commit republishes on top, CNAME kept, and --push lands it in a bare remote', async () => {
  await runPublish(config(), { branch: 'gh-pages', keep: [], force: false, log });
  const first = repo.git('rev-parse', 'gh-pages').trim();
  // a custom domain added on the published branch (e.g. through GitHub's settings page)
  const cname = execFileSync('git', ['-C', repo.dir, 'hash-object', '-w', '--stdin'], {
    input: 'notebooks.example.org\n',
  })
    .toString()
    .trim();
  const base = repo.git('rev-parse', 'gh-pages^{tree}').trim();
  const withCname = execFileSync('git', ['-C', repo.dir, 'mktree'], {
    input: `${repo.git('ls-tree', base)}100644 blob ${cname}\tCNAME\n`,
  })
    .toString()
    .trim();
  const commit = execFileSync('git', ['-C', repo.dir, 'commit-tree', withCname, '-p', first, '-m', 'Create CNAME'])
    .toString()
    .trim();
  repo.git('update-ref', 'refs/heads/gh-pages', commit, first);

  repo.commit('extra', { 'third.ipynb': notebookJson([md('# Third')]) }, 'third notebook');
  repo.git('checkout', '-q', 'main');
  const bare = join(work, 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', bare]);
  assert.is(
    await runPublish(config(), { branch: 'gh-pages', push: bare, keep: [], force: false, log }),
    0,
    lines.join('\n'),
  );
  const tip = repo.git('rev-parse', 'gh-pages').trim();
  assert.is.not(tip, commit);
  assert.is(repo.git('rev-parse', 'gh-pages^').trim(), commit);
  assert.ok(tree('gh-pages').includes('extra/third.html'));
  assert.is(repo.git('show', 'gh-pages:CNAME'), 'notebooks.example.org\n');
  assert.is(execFileSync('git', ['-C', bare, 'rev-parse', 'refs/heads/gh-pages']).toString().trim(), tip);
  assert.ok(lines.includes(`pushed gh-pages to ${bare}`));
});

test('runPublish: under --strict a build with problems is not published', async () => {
  repo.commit('broken', { 'bad.ipynb': '{"cells": [' }, 'a broken notebook');
  repo.git('checkout', '-q', 'main');
  assert.is(await runPublish(config({ strict: true }), { branch: 'gh-pages', keep: [], force: false, log }), 1);
  assert.ok(
    lines.some((l) => /branch broken, bad\.ipynb/.test(l)),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.startsWith('not published: --strict')),
    lines.join('\n'),
  );
  assert.is(repo.git('branch', '--list', 'gh-pages').trim(), '');
  assert.is(
    await runPublish(config(), { branch: 'gh-pages', keep: [], force: false, log }),
    0,
    'published without --strict',
  );
});

test('runPublish: the commit message counts the builds the site holds, not a branch without notebooks', async () => {
  repo.commit('docs', { 'README.md': '# About the course\n' }, 'docs only');
  repo.git('checkout', '-q', 'main');
  assert.is(await runPublish(config(), { branch: 'gh-pages', keep: [], force: false, log }), 0, lines.join('\n'));
  assert.match(
    repo.git('log', '-1', '--format=%B', 'gh-pages'),
    /^Publish 2 builds: extra, main\n\nextra [0-9a-f]{12}\nmain [0-9a-f]{12}\n/,
  );
  assert.ok(
    lines.some((l) =>
      l.startsWith('info (branch docs): branch docs has no notebooks (.ipynb); it is left out of the site'),
    ),
    lines.join('\n'),
  );
});

test('selectSourceBranches: site branches are left out, patterns respected, newest date found', async () => {
  await runPublish(config(), { branch: 'site', keep: [], force: false, log });
  const all = await selectSourceBranches(config());
  assert.equal(all.excluded, ['site'], 'found by its .binderpress-site marker');
  assert.equal(all.config.branches, ['extra', 'main']);
  assert.is(all.date, repo.git('log', '-1', '--format=%aI', 'extra').trim());
  const named = await selectSourceBranches(config({ branches: ['ma*'] }), 'gh-pages');
  assert.equal(
    named.branches.map((b) => b.name),
    ['main'],
  );
  assert.equal(named.config.branches, ['ma*'], 'unchanged when nothing is left out');
  await selectSourceBranches(config({ branches: ['site'] })).then(
    () => assert.unreachable('only a site branch selected'),
    (e: Error) => assert.match(e.message, /no branch to build: site holds a published site/),
  );
  await selectSourceBranches(config({ branches: ['nope'] })).then(
    () => assert.unreachable('nothing matches'),
    (e: BinderpressError) =>
      assert.is(e.hint, 'available branches: extra, main', 'a site branch is no build to suggest'),
  );
  const message = publishMessage(config(), all.branches);
  assert.match(message, /^Publish 2 builds: extra, main\n/);
  assert.ok(readFileSync(join(work, 'public', 'index.html'), 'utf8').includes('Course'));
});

test.run();
