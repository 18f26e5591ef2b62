import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { openBlobReader } from '../io/git.js';
import { listBranches } from './branches.js';
import { countingGitRuns } from '../../test/support/git-runs.js';
import { makeRepo, notebookText, type TestRepo } from '../../test/support/git-repo.js';
import { readBranch } from './read-branch.js';

const fixtures = join(import.meta.dirname, '../../test/fixtures');
const fixture = (name: string) => readFileSync(join(fixtures, name));

/** A course repository with history, odd names, a symlink, a submodule, a huge image and env files. */
function courseRepo(): { repo: TestRepo; c1: string; c2: string; c3: string } {
  const repo = makeRepo({ root: false });
  repo.write('lessons/01 intro.ipynb', fixture('real/nbclient-unicode.ipynb'));
  repo.write('lessons/02 loops.ipynb', fixture('real/nbclient-factorials.ipynb'));
  repo.write('lessons/.ipynb_checkpoints/02 loops-checkpoint.ipynb', fixture('real/nbclient-factorials.ipynb'));
  repo.write('Ünï cødé/ñ #1%.ipynb', fixture('real/mystmd-front-matter.ipynb'));
  repo.write('img/hand.png', fixture('source/hand.png'));
  repo.write('img/Photo.JPG', 'not really a jpeg');
  repo.write('binder/requirements.txt', 'numpy\n');
  repo.write('binder/postBuild', '#!/bin/bash\nset -e\n');
  repo.write('README.md', '# Course\n');
  symlinkSync('lessons/01 intro.ipynb', join(repo.dir, 'shortcut.ipynb'));
  const c1 = repo.commitWorkTree('first lessons', '2021-01-01T10:00:00+01:00', 'Ada Lovelace');
  repo.write('lessons/02 loops.ipynb', fixture('source/parallel-execute.ipynb'));
  repo.write('front-matter.ipynb', fixture('real/mystmd-front-matter.ipynb'));
  const c2 = repo.commitWorkTree('loops rewritten', '2021-02-01T10:00:00Z', 'Grace Hopper');
  const big = repo.gitInput(new Uint8Array(21 * 1024 * 1024), 'hash-object', '-w', '--stdin').trim();
  repo.git('update-index', '--add', '--cacheinfo', `100644,${big},img/huge.png`);
  repo.git('update-index', '--add', '--cacheinfo', `160000,${c1},vendor/lib`);
  repo.write('README.md', '# Course\n\nMore.\n');
  repo.git('add', 'README.md');
  const c3 = repo.commitWorkTree('readme, huge image, submodule', '2021-03-01T10:00:00Z', 'Alan Turing', false);
  return { repo, c1, c2, c3 };
}

/** What must stay the same: index, HEAD, status of a dirty working tree. */
function snapshot(repo: TestRepo): string {
  const hash = (path: string) =>
    createHash('sha256')
      .update(readFileSync(join(repo.dir, path)))
      .digest('hex');
  return [
    hash('.git/index'),
    readFileSync(join(repo.dir, '.git/HEAD'), 'utf8'),
    repo.git('--no-optional-locks', 'status', '--porcelain', '-z', '--untracked-files=all'),
  ].join('\n');
}

const reading = suite('readBranch');

reading("reads notebooks, images, env files and paths, with each notebook's last commit", async () => {
  const { repo, c1, c2 } = courseRepo();
  const blobs = openBlobReader(repo.dir);
  try {
    const [main] = await listBranches(repo.dir, ['main']);
    const build = await readBranch(repo.dir, main!, blobs);
    assert.is(build.branch, main);
    assert.equal(
      build.notebooks.map((n) => n.path),
      ['front-matter.ipynb', 'lessons/01 intro.ipynb', 'lessons/02 loops.ipynb', 'Ünï cødé/ñ #1%.ipynb'],
    );
    const byPath = new Map(build.notebooks.map((n) => [n.path, n]));
    const intro = byPath.get('lessons/01 intro.ipynb')!;
    assert.is(intro.branch, 'main');
    assert.ok(Buffer.from(intro.bytes).equals(fixture('real/nbclient-unicode.ipynb')));
    assert.is(intro.blob, repo.git('rev-parse', 'HEAD:lessons/01 intro.ipynb').trim());
    assert.equal(intro.lastCommit, {
      sha: c1,
      date: '2021-01-01T10:00:00+01:00',
      author: 'Ada Lovelace',
      email: 'ada@example.org',
    });
    assert.equal(byPath.get('lessons/02 loops.ipynb')!.lastCommit, {
      sha: c2,
      date: '2021-02-01T10:00:00+00:00',
      author: 'Grace Hopper',
      email: 'grace@example.org',
    });
    assert.ok(
      Buffer.from(byPath.get('lessons/02 loops.ipynb')!.bytes).equals(fixture('source/parallel-execute.ipynb')),
    );
    assert.is(byPath.get('front-matter.ipynb')!.lastCommit.sha, c2);
    assert.is(byPath.get('Ünï cødé/ñ #1%.ipynb')!.lastCommit.sha, c1);

    assert.equal(
      build.files.map((f) => f.path),
      ['img/Photo.JPG', 'img/hand.png'],
    );
    assert.ok(Buffer.from(build.files[1]!.bytes).equals(fixture('source/hand.png')), 'png read back byte-exact');
    assert.equal(
      build.envFiles.map((f) => [f.path, new TextDecoder().decode(f.bytes)]),
      [
        ['binder/postBuild', '#!/bin/bash\nset -e\n'],
        ['binder/requirements.txt', 'numpy\n'],
      ],
    );
    assert.equal(build.paths, [
      'README.md',
      'binder/postBuild',
      'binder/requirements.txt',
      'front-matter.ipynb',
      'img/Photo.JPG',
      'img/hand.png',
      'img/huge.png',
      'lessons/.ipynb_checkpoints/02 loops-checkpoint.ipynb',
      'lessons/01 intro.ipynb',
      'lessons/02 loops.ipynb',
      'Ünï cødé/ñ #1%.ipynb',
    ]);
    assert.equal(
      build.diagnostics.map((d) => [d.rule, d.severity, d.branch, d.path]),
      [
        ['source-file-too-large', 'warning', 'main', 'img/huge.png'],
        ['source-symlink', 'warning', 'main', 'shortcut.ipynb'],
        ['source-submodule', 'warning', 'main', 'vendor/lib'],
      ],
    );
  } finally {
    blobs.close();
    repo.remove();
  }
});

reading('never touches the working tree, the index or HEAD', async () => {
  const { repo } = courseRepo();
  repo.git('checkout', '-q', '-b', 'course/intro');
  repo.write('lessons/01 intro.ipynb', '{"dirty": true}');
  repo.write('untracked.ipynb', '{}');
  repo.git('add', 'untracked.ipynb');
  const before = snapshot(repo);
  const blobs = openBlobReader(repo.dir);
  try {
    for (const branch of await listBranches(repo.dir)) await readBranch(repo.dir, branch, blobs);
  } finally {
    blobs.close();
  }
  try {
    assert.is(snapshot(repo), before);
    assert.match(repo.git('status', '--porcelain'), / M "?lessons\/01 intro.ipynb/);
  } finally {
    repo.remove();
  }
});

reading('skips crafted paths: "..", ".", control characters, non-UTF-8 bytes', async () => {
  const repo = makeRepo({ root: false });
  const blobs = openBlobReader(repo.dir);
  try {
    const nb = repo.gitInput(notebookText('ok'), 'hash-object', '-w', '--stdin').trim();
    const inner = repo.gitInput(`100644 blob ${nb}\tevil.ipynb\n`, 'mktree').trim();
    const entries = Buffer.concat([
      Buffer.from(
        `100644 blob ${nb}\tok.ipynb\n040000 tree ${inner}\t..\n040000 tree ${inner}\t.\n100644 blob ${nb}\ta\u0001b.ipynb\n`,
      ),
      Buffer.from(`100644 blob ${nb}\tbad-`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('.ipynb\n'),
    ]);
    const tree = repo.gitInput(entries, 'mktree').trim();
    const commit = repo
      .git('-c', 'user.name=Mallory', '-c', 'user.email=m@x', 'commit-tree', '-m', 'crafted', tree)
      .trim();
    repo.git('update-ref', 'refs/heads/crafted', commit);
    const [crafted] = await listBranches(repo.dir, ['crafted']);
    const build = await readBranch(repo.dir, crafted!, blobs);
    assert.equal(
      build.notebooks.map((n) => n.path),
      ['ok.ipynb'],
    );
    assert.equal(build.paths, ['ok.ipynb']);
    assert.equal(
      build.diagnostics.map((d) => [d.rule, d.path]),
      [
        ['source-unsafe-path', '../evil.ipynb'],
        ['source-unsafe-path', './evil.ipynb'],
        ['source-unsafe-path', 'a\u0001b.ipynb'],
        ['source-unsafe-path', 'bad-??.ipynb'],
      ],
    );
    assert.is(build.notebooks[0]!.lastCommit.sha, commit);
  } finally {
    blobs.close();
    repo.remove();
  }
});

reading('a merged notebook gets the merge commit (first-parent history)', async () => {
  const repo = makeRepo({ root: false });
  const blobs = openBlobReader(repo.dir);
  try {
    repo.write('a.ipynb', notebookText('A'));
    repo.commitWorkTree('a', '2021-01-01T00:00:00Z');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('b.ipynb', notebookText('B'));
    const side = repo.commitWorkTree('b', '2021-01-02T00:00:00Z');
    repo.git('checkout', '-q', 'main');
    repo.git('-c', 'user.name=M', '-c', 'user.email=m@x', 'merge', '-q', '--no-ff', '-m', 'merge topic', 'topic');
    const merge = repo.git('rev-parse', 'HEAD').trim();
    const [main, topic] = await listBranches(repo.dir, ['main', 'topic']);
    const onMain = await readBranch(repo.dir, main!, blobs);
    const onTopic = await readBranch(repo.dir, topic!, blobs);
    assert.is(onMain.notebooks.find((n) => n.path === 'b.ipynb')!.lastCommit.sha, merge);
    assert.is(onTopic.notebooks.find((n) => n.path === 'b.ipynb')!.lastCommit.sha, side);
  } finally {
    blobs.close();
    repo.remove();
  }
});

reading('3 branches × 200 notebooks are read with a few git processes, not one per notebook', async () => {
  const repo = makeRepo({ root: false });
  try {
    for (let batch = 0; batch < 10; batch++) {
      for (let i = 0; i < 20; i++) repo.write(`unit ${batch}/nb-${i}.ipynb`, notebookText(`N ${batch}.${i}`));
      repo.commitWorkTree(`batch ${batch}`, `2021-01-${String(batch + 1).padStart(2, '0')}T00:00:00Z`);
    }
    for (const name of ['course/a', 'course/b']) {
      repo.git('checkout', '-q', '-b', name, 'main');
      for (let i = 0; i < 50; i++) repo.write(`unit ${i % 10}/nb-${i % 20}.ipynb`, notebookText(`${name} ${i}`));
      repo.commitWorkTree(name, '2021-02-01T00:00:00Z');
    }
    const { result: builds, runs } = await countingGitRuns(async () => {
      const blobs = openBlobReader(repo.dir);
      const out = [];
      for (const branch of await listBranches(repo.dir)) out.push(await readBranch(repo.dir, branch, blobs));
      blobs.close();
      return out;
    });
    assert.equal(
      builds.map((b) => b.notebooks.length),
      [200, 200, 200],
    );
    assert.ok(builds.every((b) => b.notebooks.every((n) => n.bytes.byteLength > 0 && n.lastCommit.sha.length === 40)));
    assert.is(builds[0]!.notebooks.filter((n) => n.lastCommit.date === '2021-02-01T00:00:00+00:00').length > 0, true);
    // One blob reader for all 600 notebooks; per branch one listing and one log; three to start.
    assert.is(runs.filter((r) => r.includes('cat-file --batch')).length, 1, runs.join('\n'));
    assert.ok(runs.length <= 3 + 2 * builds.length, `${runs.length} git runs:\n${runs.join('\n')}`);
  } finally {
    repo.remove();
  }
});

reading('reads the table of contents: _toc.yml before _toc.yaml, only at the root', async () => {
  const repo = makeRepo({ root: false });
  const blobs = openBlobReader(repo.dir);
  try {
    repo.write('a.ipynb', fixture('real/nbclient-unicode.ipynb'));
    repo.write('lessons/_toc.yml', 'root: a\n');
    repo.commitWorkTree('no root toc', '2021-01-01T10:00:00Z');
    const [none] = await listBranches(repo.dir, ['main']);
    assert.is((await readBranch(repo.dir, none!, blobs)).toc, undefined);
    repo.write('_toc.yaml', 'root: lessons/x\n');
    repo.write('_toc.yml', 'format: jb-book\nroot: a\n');
    repo.commitWorkTree('tocs', '2021-01-02T10:00:00Z');
    const [main] = await listBranches(repo.dir, ['main']);
    const build = await readBranch(repo.dir, main!, blobs);
    assert.is(build.toc?.path, '_toc.yml');
    assert.is(new TextDecoder().decode(build.toc!.bytes), 'format: jb-book\nroot: a\n');
    assert.is(build.toc?.blob, repo.git('rev-parse', 'HEAD:_toc.yml').trim());
    assert.ok(build.paths.includes('_toc.yaml'));
  } finally {
    blobs.close();
    repo.remove();
  }
});

reading.run();
