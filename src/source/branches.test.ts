import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BinderpressError } from '../io/errors.js';
import { listBranches, readOriginUrl } from './branches.js';
import { makeRepo, notebookText } from '../../test/support/git-repo.js';

const BRANCHES = [
  'course/intro',
  'course/advanced',
  'course/a/b',
  'v1.2',
  'Ünïcode-Branch',
  'MixedCase',
  'a#b%c',
  'feature.x',
];

function branchyRepo() {
  const repo = makeRepo({ root: false });
  repo.write('index.ipynb', notebookText('Home'));
  const first = repo.commitWorkTree('first', '2021-03-04T05:06:07+02:00', 'Ada Lovelace');
  for (const name of BRANCHES) repo.git('branch', name);
  repo.git('checkout', '-q', 'course/intro');
  repo.write('intro.ipynb', notebookText('Intro'));
  const intro = repo.commitWorkTree('intro', '2022-06-01T12:00:00-05:00', 'Grace Hopper');
  repo.git('checkout', '-q', 'main');
  repo.git('tag', 'MixedCase', first); // a tag with a branch's name must not confuse the listing
  return { repo, first, intro };
}

const listing = suite('listBranches');

listing('lists every local branch, sorted, with its tip commit', async () => {
  const { repo, first, intro } = branchyRepo();
  try {
    const branches = await listBranches(repo.dir);
    assert.equal(
      branches.map((b) => b.name),
      [
        'MixedCase',
        'a#b%c',
        'course/a/b',
        'course/advanced',
        'course/intro',
        'feature.x',
        'main',
        'v1.2',
        'Ünïcode-Branch',
      ],
    );
    const byName = new Map(branches.map((b) => [b.name, b]));
    assert.equal(byName.get('course/intro'), {
      name: 'course/intro',
      commit: intro,
      tip: { sha: intro, date: '2022-06-01T12:00:00-05:00', author: 'Grace Hopper', email: 'grace@example.org' },
    });
    assert.equal(byName.get('Ünïcode-Branch')?.tip, {
      sha: first,
      date: '2021-03-04T05:06:07+02:00',
      author: 'Ada Lovelace',
      email: 'ada@example.org',
    });
    assert.is(byName.get('MixedCase')?.commit, first);
  } finally {
    repo.remove();
  }
});

listing('selects by names and globs', async () => {
  const { repo } = branchyRepo();
  try {
    const names = async (patterns: string[]) => (await listBranches(repo.dir, patterns)).map((b) => b.name);
    assert.equal(await names(['course/*']), ['course/advanced', 'course/intro']);
    assert.equal(await names(['course/**']), ['course/a/b', 'course/advanced', 'course/intro']);
    assert.equal(await names(['v1.?', 'Ünïcode-Branch', 'a#b%c']), ['a#b%c', 'v1.2', 'Ünïcode-Branch']);
    assert.equal(await names(['MixedCase']), ['MixedCase']);
    assert.equal(await names(['feature.x', 'feature.*']), ['feature.x']);
  } finally {
    repo.remove();
  }
});

listing('a pattern that matches no branch is fatal and lists the branches', async () => {
  const { repo } = branchyRepo();
  try {
    await listBranches(repo.dir, ['main', 'mixedcase']);
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, BinderpressError);
    assert.match((error as Error).message, /matches "mixedcase"/);
    assert.match((error as BinderpressError).hint ?? '', /available branches: MixedCase, a#b%c, course\/a\/b/);
  } finally {
    repo.remove();
  }
});

listing('not a git repository (or no folder at all) is fatal with a hint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bp-'));
  try {
    for (const path of [dir, join(dir, 'missing')]) {
      try {
        await listBranches(path);
        assert.unreachable('should throw');
      } catch (error) {
        assert.instance(error, BinderpressError);
        assert.is((error as Error).message, `not a git repository: ${path}`);
        assert.match((error as BinderpressError).hint ?? '', /--repo DIR.*--dir DIR/);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

listing("origin's remote-tracking branches are builds too, under their own names; a local branch wins", async () => {
  const { repo, first, intro } = branchyRepo();
  try {
    // as a fresh clone has them: origin/*, origin/HEAD, a stale local copy, another remote
    repo.git('update-ref', 'refs/remotes/origin/course/intro', first);
    repo.git('update-ref', 'refs/remotes/origin/only/remote', intro);
    repo.git('update-ref', 'refs/remotes/origin/main', intro);
    repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    repo.git('update-ref', 'refs/remotes/upstream/elsewhere', intro);
    repo.git('update-ref', 'refs/remotes/origin2/elsewhere', intro);
    const branches = await listBranches(repo.dir);
    const byName = new Map(branches.map((b) => [b.name, b.commit]));
    assert.equal(
      branches.map((b) => b.name),
      [
        'MixedCase',
        'a#b%c',
        'course/a/b',
        'course/advanced',
        'course/intro',
        'feature.x',
        'main',
        'only/remote',
        'v1.2',
        'Ünïcode-Branch',
      ],
    );
    assert.is(byName.get('only/remote'), intro);
    assert.is(byName.get('course/intro'), intro, 'the local branch, not origin/course/intro');
    assert.is(byName.get('main'), first, 'the local branch, not origin/main');
    assert.equal(
      (await listBranches(repo.dir, ['only/*'])).map((b) => b.name),
      ['only/remote'],
    );
    await listBranches(repo.dir, ['nope']).then(
      () => assert.unreachable('should throw'),
      (error: BinderpressError) => assert.match(error.hint ?? '', /main, only\/remote, v1\.2/),
    );
  } finally {
    repo.remove();
  }
});

listing('a repository without commits has no branches', async () => {
  const repo = makeRepo({ root: false });
  try {
    assert.equal(await listBranches(repo.dir), []);
  } finally {
    repo.remove();
  }
});

listing.run();

const origin = suite('readOriginUrl');

origin('undefined without origin, the URL with one', async () => {
  const repo = makeRepo({ root: false });
  try {
    assert.is(await readOriginUrl(repo.dir), undefined);
    repo.git('remote', 'add', 'upstream', 'https://github.com/a/b.git');
    assert.is(await readOriginUrl(repo.dir), undefined);
    repo.git('remote', 'add', 'origin', 'git@github.com:octo/ünï.git');
    assert.is(await readOriginUrl(repo.dir), 'git@github.com:octo/ünï.git');
  } finally {
    repo.remove();
  }
});

origin.run();
