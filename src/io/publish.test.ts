import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, makeTempDir, type TestRepo } from '../../test/support/git-repo.js';
import { BinderpressError } from './errors.js';
import { publishSite, pushBranch, readBranchTip, readRemoteTip } from './publish.js';

const BINARY = Uint8Array.from({ length: 256 }, (_, i) => i);
const DATE = '2026-01-05T11:00:00+00:00';

let repo: TestRepo;
let work: string;

function writeSite(name: string, files: Record<string, string | Uint8Array>, parent = work): string {
  const dir = join(parent, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

function pages(n: number, extra: Record<string, string | Uint8Array> = {}): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = { ...extra };
  for (let i = 0; i < n; i++) files[`main/page-${i}.html`] = `<p>page ${i}</p>\n`;
  return files;
}

function lsTree(r: TestRepo, ref: string): string[] {
  return r
    .git('-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', ref)
    .split('\0')
    .filter(Boolean)
    .sort();
}

function blobBytes(r: TestRepo, spec: string): Buffer {
  return execFileSync('git', ['cat-file', 'blob', spec], { cwd: r.dir });
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<BinderpressError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, BinderpressError);
    assert.match(`${(error as Error).message}\n${(error as BinderpressError).hint ?? ''}`, pattern);
    return error as BinderpressError;
  }
  assert.unreachable(`expected a rejection matching ${pattern}`);
  throw new Error('unreachable');
}

/** Everything a user could have in flight: HEAD, the index file, staged and unstaged changes. */
function userState(r: TestRepo) {
  return {
    head: readFileSync(join(r.dir, '.git', 'HEAD'), 'utf8'),
    headCommit: r.git('rev-parse', 'HEAD'),
    staged: r.git('diff', '--cached'),
    unstaged: r.git('diff'),
    status: r.git('status', '--porcelain', '--untracked-files=all'),
    index: readFileSync(join(r.dir, '.git', 'index')).toString('base64'), // last: status may refresh it
  };
}

test.before.each(() => {
  work = makeTempDir();
  repo = makeRepo();
  // CRLF conversion for every text file: publishing must store the site's bytes unconverted.
  repo.commit('main', { 'notes.ipynb': '{}\n', 'a.txt': 'one\n', '.gitattributes': '* text eol=crlf\n' }, 'first');
  writeFileSync(join(repo.dir, 'a.txt'), 'one, edited but not staged\n');
  writeFileSync(join(repo.dir, 'staged.txt'), 'staged\n');
  repo.git('add', 'staged.txt');
  writeFileSync(join(repo.dir, 'untracked.txt'), 'untracked\n');
});

test.after.each(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('publishes a site folder as a commit on gh-pages without touching HEAD, index or working tree', async () => {
  // the default output folder, public/, is inside the repository, where .gitattributes applies
  writeFileSync(join(repo.dir, '.git', 'info', 'exclude'), 'public/\n');
  const site = writeSite(
    'public',
    {
      'index.html': '<!doctype html>\n<p>home</p>\n',
      'main/notes.html': 'line one\r\nline two\r\n',
      'main/01 intro ü.html': 'unicode & spaces\n',
      'main/_assets/img.png': BINARY,
      'run.sh': '#!/bin/sh\n',
      'line\nbreak.txt': 'a name with a line break\n',
      '.binderpress-site': 'marker\n',
    },
    repo.dir,
  );
  chmodSync(join(site, 'run.sh'), 0o755);
  const before = userState(repo);
  const r = await publishSite({
    repo: repo.dir,
    siteDir: site,
    branch: 'gh-pages',
    keep: [],
    message: 'Publish site',
    date: DATE,
  });
  assert.ok(r.changed);
  assert.is(r.previous, null);
  assert.is(r.commit, repo.git('rev-parse', 'refs/heads/gh-pages').trim());
  assert.equal(lsTree(repo, 'gh-pages'), [
    '.binderpress-site',
    '.nojekyll',
    'index.html',
    'line\nbreak.txt',
    'main/01 intro ü.html',
    'main/_assets/img.png',
    'main/notes.html',
    'run.sh',
  ]);
  assert.is(r.files, 8);
  assert.equal(new Uint8Array(blobBytes(repo, 'gh-pages:main/_assets/img.png')), BINARY);
  assert.is(
    blobBytes(repo, 'gh-pages:main/notes.html').toString(),
    'line one\r\nline two\r\n',
    'no line-ending conversion',
  );
  assert.is(blobBytes(repo, 'gh-pages:.nojekyll').length, 0);
  assert.match(repo.git('ls-tree', 'gh-pages', 'run.sh'), /^100755 /);
  assert.is(repo.git('log', '-1', '--format=%P|%s|%aI|%cI', 'gh-pages').trim(), `|Publish site|${DATE}|${DATE}`);
  assert.equal(userState(repo), before);
  assert.is(repo.git('fsck', '--strict', '--no-progress').trim(), '');
});

test('a second publish of the same folder commits nothing; a changed one adds a child commit', async () => {
  const site = writeSite('site', pages(3, { 'index.html': 'v1' }));
  const first = await publishSite({
    repo: repo.dir,
    siteDir: site,
    branch: 'gh-pages',
    keep: [],
    message: 'one',
    date: DATE,
  });
  const again = await publishSite({
    repo: repo.dir,
    siteDir: site,
    branch: 'gh-pages',
    keep: [],
    message: 'two',
    date: DATE,
  });
  assert.equal(again, { commit: first.commit, previous: first.commit, changed: false, files: 5, removed: [] });
  assert.is(repo.git('rev-list', '--count', 'gh-pages').trim(), '1');

  writeFileSync(join(site, 'index.html'), 'v2');
  const third = await publishSite({
    repo: repo.dir,
    siteDir: site,
    branch: 'gh-pages',
    keep: [],
    message: 'three',
    date: DATE,
  });
  assert.ok(third.changed);
  assert.is(third.previous, first.commit);
  assert.is(repo.git('rev-parse', 'gh-pages^').trim(), first.commit, 'previous site is the parent');
  assert.is(repo.git('rev-list', '--count', 'gh-pages').trim(), '2');
  assert.is(blobBytes(repo, `${first.commit}:index.html`).toString(), 'v1', 'the old site is still reachable');
});

test('equal sites, sources and identity give the same commit id in two repositories', async () => {
  const other = makeRepo();
  try {
    const site = writeSite('site', pages(2, { 'index.html': 'same' }));
    for (const r of [repo, other]) {
      r.git('config', 'user.name', 'Pub Lisher');
      r.git('config', 'user.email', 'pub@example.org');
    }
    const a = await publishSite({
      repo: repo.dir,
      siteDir: site,
      branch: 'gh-pages',
      keep: [],
      message: 'm',
      date: DATE,
    });
    const b = await publishSite({
      repo: other.dir,
      siteDir: site,
      branch: 'gh-pages',
      keep: [],
      message: 'm',
      date: DATE,
    });
    assert.is(a.commit, b.commit);
    assert.is(
      repo.git('log', '-1', '--format=%an <%ae>|%cn <%ce>', 'gh-pages').trim(),
      'Pub Lisher <pub@example.org>|Pub Lisher <pub@example.org>',
    );
  } finally {
    other.remove();
  }
});

test('without a git identity the commit is by binderpress <binderpress@localhost>', async () => {
  const saved = { g: process.env.GIT_CONFIG_GLOBAL, s: process.env.GIT_CONFIG_NOSYSTEM };
  const empty = join(work, 'empty-gitconfig');
  writeFileSync(empty, '');
  process.env.GIT_CONFIG_GLOBAL = empty;
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  try {
    await publishSite({
      repo: repo.dir,
      siteDir: writeSite('site', pages(1)),
      branch: 'gh-pages',
      keep: [],
      message: 'm',
      date: DATE,
    });
  } finally {
    for (const [k, v] of [
      ['GIT_CONFIG_GLOBAL', saved.g],
      ['GIT_CONFIG_NOSYSTEM', saved.s],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  assert.is(repo.git('log', '-1', '--format=%an <%ae>', 'gh-pages').trim(), 'binderpress <binderpress@localhost>');
});

test('CNAME and --keep paths of the published site survive when the new site lacks them', async () => {
  await publishSite({
    repo: repo.dir,
    siteDir: writeSite(
      's1',
      pages(2, {
        CNAME: 'notebooks.example.org\n',
        'google123.html': 'verify',
        'old/a.html': 'a',
        'old/sub/b.html': 'b',
        'drop.html': 'x',
      }),
    ),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
  });
  const r = await publishSite({
    repo: repo.dir,
    siteDir: writeSite('s2', pages(2)),
    branch: 'gh-pages',
    keep: ['google123.html', 'old/', 'not-there.html'],
    message: 'm',
  });
  assert.ok(r.changed);
  assert.equal(lsTree(repo, 'gh-pages'), [
    '.nojekyll',
    'CNAME',
    'google123.html',
    'main/page-0.html',
    'main/page-1.html',
    'old/a.html',
    'old/sub/b.html',
  ]);
  assert.is(r.files, 7);
  assert.is(blobBytes(repo, 'gh-pages:CNAME').toString(), 'notebooks.example.org\n');

  const own = await publishSite({
    repo: repo.dir,
    siteDir: writeSite('s3', pages(2, { CNAME: 'new.example.org\n' })),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
  });
  assert.ok(own.changed);
  assert.is(blobBytes(repo, 'gh-pages:CNAME').toString(), 'new.example.org\n', "the new site's own CNAME wins");
  await rejects(
    publishSite({
      repo: repo.dir,
      siteDir: writeSite('s4', pages(2)),
      branch: 'gh-pages',
      keep: ['../etc'],
      message: 'm',
    }),
    /not a path inside the site/,
  );
});

test('a branch that moved between reading and updating is refused, and left where it moved to', async () => {
  const site = writeSite('site', pages(4));
  const first = await publishSite({ repo: repo.dir, siteDir: site, branch: 'gh-pages', keep: [], message: 'm' });
  const read = await readBranchTip(repo.dir, 'gh-pages');
  assert.is(read, first.commit);
  // another publish lands while ours is building
  const theirs = await publishSite({
    repo: repo.dir,
    siteDir: writeSite('other', pages(4, { 'x.html': 'theirs' })),
    branch: 'gh-pages',
    keep: [],
    message: 'theirs',
  });
  writeFileSync(join(site, 'index.html'), 'ours');
  const error = await rejects(
    publishSite({ repo: repo.dir, siteDir: site, branch: 'gh-pages', keep: [], message: 'ours', expectedOld: read }),
    /moved from .* to .*another publish/s,
  );
  assert.is(error.code, 3);
  assert.is(await readBranchTip(repo.dir, 'gh-pages'), theirs.commit);
  // the same when ours would change nothing, and when ours expected to create the branch
  await rejects(
    publishSite({
      repo: repo.dir,
      siteDir: writeSite('same', pages(4)),
      branch: 'gh-pages',
      keep: [],
      message: 'm',
      expectedOld: read,
    }),
    /moved/,
  );
  await rejects(
    publishSite({ repo: repo.dir, siteDir: site, branch: 'gh-pages', keep: [], message: 'm', expectedOld: null }),
    /moved from nothing/,
  );
  assert.is(await readBranchTip(repo.dir, 'gh-pages'), theirs.commit);
});

/** A site as binderpress writes it: an index page per build, and the manifest in its marker. */
function siteWith(builds: readonly string[], extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {
    'index.html': 'home',
    'tags/x/index.html': 'tag',
    '_static/index.html': 'static',
    ...extra,
  };
  for (const b of builds)
    Object.assign(files, { [`${b}/index.html`]: b, [`${b}/nb.html`]: `${b} page`, [`${b}/feed.xml`]: '<rss/>' });
  const manifest = Object.keys(files)
    .sort()
    .map((p) => [p, 'x']);
  return { ...files, '.binderpress-site': `written by binderpress\nmanifest ${JSON.stringify(manifest)}\n` };
}

test('a site that would remove builds of the published one is refused, naming them; allowRemove and force let them go', async () => {
  await publishSite({
    repo: repo.dir,
    siteDir: writeSite('all', siteWith(['main', 'course-a', 'course-b', 'old-2023'])),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
  });
  const tip = await readBranchTip(repo.dir, 'gh-pages');
  // far more files than the published site: the guard counts builds, not files
  const big = siteWith(['main'], Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`main/p${i}.html`, `${i}`])));
  const error = await rejects(
    publishSite({ repo: repo.dir, siteDir: writeSite('one', big), branch: 'gh-pages', keep: [], message: 'm' }),
    /holds 3 builds that this one would remove: course-a, course-b, old-2023\n.*git fetch origin\).*publish\.allowRemove.*--force/s,
  );
  assert.is(error.code, 3);
  assert.is(await readBranchTip(repo.dir, 'gh-pages'), tip);
  await rejects(
    publishSite({
      repo: repo.dir,
      siteDir: join(work, 'one'),
      branch: 'gh-pages',
      keep: [],
      message: 'm',
      allowRemove: ['old-*', 'course-a'],
    }),
    /holds 1 build that this one would remove: course-b\n/,
  );
  const kept = await publishSite({
    repo: repo.dir,
    siteDir: join(work, 'one'),
    branch: 'gh-pages',
    keep: ['course-b'],
    message: 'm',
    allowRemove: ['old-*', 'course-a'],
  });
  assert.equal(kept.removed, ['course-a', 'old-2023'], 'a kept folder is not removed');
  const forced = await publishSite({
    repo: repo.dir,
    siteDir: writeSite('none', siteWith(['other'])),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
    force: true,
  });
  assert.ok(forced.changed);
  assert.equal(forced.removed, ['main'], 'course-b was kept, not built: not a build of that site');
});

test('a published tree without a manifest: its top-level folders with an index page count as builds', async () => {
  await publishSite({
    repo: repo.dir,
    siteDir: writeSite('theirs', {
      'index.html': 'x',
      'blog/index.html': 'b',
      'img/a.png': 'png',
      'tags/index.html': 't',
    }),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
  });
  await rejects(
    publishSite({
      repo: repo.dir,
      siteDir: writeSite('ours', siteWith(['main'])),
      branch: 'gh-pages',
      keep: [],
      message: 'm',
    }),
    /would remove: blog\n/,
  );
  assert.ok(
    (
      await publishSite({
        repo: repo.dir,
        siteDir: join(work, 'ours'),
        branch: 'gh-pages',
        keep: ['blog'],
        message: 'm',
      })
    ).changed,
  );
});

test("without a local branch the site goes on top of the remote's copy, and is guarded against it", async () => {
  const first = await publishSite({
    repo: repo.dir,
    siteDir: writeSite('a', siteWith(['main', 'extra'])),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
  });
  repo.git('update-ref', 'refs/remotes/origin/gh-pages', first.commit as string);
  repo.git('branch', '-q', '-D', 'gh-pages');
  assert.is(await readRemoteTip(repo.dir, 'origin', 'gh-pages'), first.commit);
  assert.is(
    await readRemoteTip(repo.dir, join(work, 'remote.git'), 'gh-pages'),
    null,
    'a path has no remote-tracking branches',
  );
  await rejects(
    publishSite({
      repo: repo.dir,
      siteDir: writeSite('b', siteWith(['main'])),
      branch: 'gh-pages',
      keep: [],
      message: 'm',
      base: first.commit,
    }),
    /would remove: extra/,
  );
  assert.is(await readBranchTip(repo.dir, 'gh-pages'), null);
  const same = await publishSite({
    repo: repo.dir,
    siteDir: join(work, 'a'),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
    base: first.commit,
  });
  assert.equal(
    [same.changed, same.commit, await readBranchTip(repo.dir, 'gh-pages')],
    [false, first.commit, first.commit],
    'the same site: the branch starts at the copy',
  );
  repo.git('branch', '-q', '-D', 'gh-pages');
  const next = await publishSite({
    repo: repo.dir,
    siteDir: writeSite('c', siteWith(['main', 'extra', 'new'])),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
    base: first.commit,
  });
  assert.is(next.previous, first.commit);
  assert.is(repo.git('rev-parse', 'gh-pages^').trim(), first.commit, 'a fast-forward of the remote copy');
});

test('refuses a checked-out branch, a bad branch name, and an empty or missing folder', async () => {
  const site = writeSite('site', pages(1));
  await rejects(publishSite({ repo: repo.dir, siteDir: site, branch: 'main', keep: [], message: 'm' }), /checked out/);
  repo.git('worktree', 'add', '-q', '-b', 'side', join(work, 'linked'));
  await rejects(
    publishSite({ repo: repo.dir, siteDir: site, branch: 'side', keep: [], message: 'm' }),
    /side: it is checked out in a working tree/,
  );
  assert.is(repo.git('rev-parse', 'side').trim(), repo.git('rev-parse', 'main').trim());
  await rejects(
    publishSite({ repo: repo.dir, siteDir: site, branch: 'bad..name', keep: [], message: 'm' }),
    /not a valid branch name/,
  );
  await rejects(
    publishSite({ repo: repo.dir, siteDir: site, branch: '-x', keep: [], message: 'm' }),
    /not a valid branch name/,
  );
  mkdirSync(join(work, 'empty'));
  await rejects(
    publishSite({ repo: repo.dir, siteDir: join(work, 'empty'), branch: 'gh-pages', keep: [], message: 'm' }),
    /has no files/,
  );
  await rejects(
    publishSite({ repo: repo.dir, siteDir: join(work, 'missing'), branch: 'gh-pages', keep: [], message: 'm' }),
    /not a folder/,
  );
  await rejects(
    publishSite({ repo: repo.dir, siteDir: site, branch: 'gh-pages', keep: [], message: 'm', date: 'yesterday-ish' }),
    /not a date/,
  );
  assert.is(await readBranchTip(repo.dir, 'gh-pages'), null);
  assert.is(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim(), 'main');
});

test('pushBranch lands the branch in a bare remote and never force-pushes', async () => {
  const bare = join(work, 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', bare]);
  const first = await publishSite({
    repo: repo.dir,
    siteDir: writeSite('site', pages(2)),
    branch: 'gh-pages',
    keep: [],
    message: 'm',
  });
  await pushBranch(repo.dir, bare, 'gh-pages');
  assert.is(execFileSync('git', ['-C', bare, 'rev-parse', 'refs/heads/gh-pages']).toString().trim(), first.commit);
  await pushBranch(repo.dir, bare, 'gh-pages'); // up to date: fine

  // someone else published a different history to the remote
  const other = makeRepo();
  try {
    await publishSite({
      repo: other.dir,
      siteDir: writeSite('theirs', pages(2, { 'x.html': 'x' })),
      branch: 'gh-pages',
      keep: [],
      message: 'theirs',
    });
    await pushBranch(other.dir, bare, 'gh-pages').then(
      () => assert.unreachable('diverged push must fail'),
      (e: BinderpressError) => {
        assert.match(`${e.message} ${e.hint}`, /refused gh-pages.*never force-pushes/s);
        assert.is(e.code, 4);
        assert.ok(e.hint?.includes(`git fetch ${bare} +gh-pages:gh-pages`), e.hint);
      },
    );
  } finally {
    other.remove();
  }
  assert.is(execFileSync('git', ['-C', bare, 'rev-parse', 'refs/heads/gh-pages']).toString().trim(), first.commit);
  await rejects(pushBranch(repo.dir, '--receive-pack=evil', 'gh-pages'), /not a remote/);
  assert.is(
    (await rejects(pushBranch(repo.dir, join(work, 'no-such-remote'), 'gh-pages'), /cannot push gh-pages/)).code,
    4,
  );
});

test.run();
