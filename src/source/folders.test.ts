import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { BinderpressError } from '../io/errors.js';
import { isoSeconds, readFolderBuilds } from './folders.js';

const fixtures = join(import.meta.dirname, '../../test/fixtures');

function put(root: string, path: string, content: string | Uint8Array, mtime: string): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  const time = new Date(mtime);
  utimesSync(full, time, time);
}

function gitHashObject(path: string): string {
  return execFileSync('git', ['hash-object', '--no-filters', path], { encoding: 'utf8' }).trim();
}

/** DIR with two builds, a hidden folder, node_modules, an outside folder reached by symlinks. */
function folderTree(): { dir: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'bp-'));
  const dir = join(base, 'builds');
  const outside = join(base, 'outside');
  put(outside, 'secret.ipynb', readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')), '2020-01-01T00:00:00Z');
  put(
    dir,
    'course-a/lessons/01 intro.ipynb',
    readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')),
    '2021-01-01T10:00:00.700Z',
  );
  put(
    dir,
    'course-a/lessons/02 loops.ipynb',
    readFileSync(join(fixtures, 'real/nbclient-factorials.ipynb')),
    '2021-02-01T10:00:00Z',
  );
  put(dir, 'course-a/lessons/.ipynb_checkpoints/02 loops-checkpoint.ipynb', '{}', '2021-02-01T10:00:00Z');
  put(dir, 'course-a/img/hand.png', readFileSync(join(fixtures, 'source/hand.png')), '2021-01-05T00:00:00Z');
  put(dir, 'course-a/img/huge.png', '', '2021-01-05T00:00:00Z');
  truncateSync(join(dir, 'course-a/img/huge.png'), 21 * 1024 * 1024);
  utimesSync(join(dir, 'course-a/img/huge.png'), new Date('2021-01-05T00:00:00Z'), new Date('2021-01-05T00:00:00Z'));
  put(dir, 'course-a/.binder/requirements.txt', 'numpy\n', '2021-01-03T00:00:00Z');
  put(dir, 'course-a/data.csv', 'a,b\n1,2\n', '2021-03-01T00:00:00Z');
  put(dir, 'course-a/.git/HEAD', 'ref: refs/heads/main\n', '2021-04-01T00:00:00Z');
  put(dir, 'course-a/node_modules/x/index.ipynb', '{}', '2021-04-01T00:00:00Z');
  symlinkSync(join(outside, 'secret.ipynb'), join(dir, 'course-a/linked.ipynb'));
  symlinkSync(outside, join(dir, 'course-a/outside-dir'));
  put(dir, 'Ünï 2/ñ.ipynb', readFileSync(join(fixtures, 'real/mystmd-front-matter.ipynb')), '2022-05-05T05:05:05Z');
  put(dir, '.hidden/x.ipynb', '{}', '2021-01-01T00:00:00Z');
  put(dir, 'node_modules/y.ipynb', '{}', '2021-01-01T00:00:00Z');
  put(dir, 'README.md', 'top-level file, not a build', '2021-01-01T00:00:00Z');
  symlinkSync(outside, join(dir, 'linked-build'));
  return { dir, outside };
}

const folders = suite('readFolderBuilds');

folders('each direct subfolder is a build shaped like a git branch', async () => {
  const { dir } = folderTree();
  try {
    const { builds } = await readFolderBuilds(dir);
    assert.equal(
      builds.map((b) => b.branch.name),
      ['course-a', 'Ünï 2'],
    );
    const [course] = builds;
    assert.equal(
      course!.notebooks.map((n) => n.path),
      ['lessons/01 intro.ipynb', 'lessons/02 loops.ipynb'],
    );
    const intro = course!.notebooks[0]!;
    assert.is(intro.branch, 'course-a');
    assert.is(intro.blob, gitHashObject(join(dir, 'course-a/lessons/01 intro.ipynb')));
    assert.equal(intro.lastCommit, { sha: intro.blob, date: '2021-01-01T10:00:00Z', author: '', email: '' });
    assert.ok(Buffer.from(intro.bytes).equals(readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb'))));
    assert.equal(
      course!.files.map((f) => f.path),
      ['img/hand.png'],
    );
    assert.ok(Buffer.from(course!.files[0]!.bytes).equals(readFileSync(join(fixtures, 'source/hand.png'))));
    assert.equal(
      course!.envFiles.map((f) => [f.path, f.blob]),
      [['.binder/requirements.txt', gitHashObject(join(dir, 'course-a/.binder/requirements.txt'))]],
    );
    assert.equal(course!.paths, [
      '.binder/requirements.txt',
      'data.csv',
      'img/hand.png',
      'img/huge.png',
      'lessons/.ipynb_checkpoints/02 loops-checkpoint.ipynb',
      'lessons/01 intro.ipynb',
      'lessons/02 loops.ipynb',
    ]);
    assert.equal(
      course!.diagnostics.map((d) => [d.rule, d.branch, d.path]),
      [
        ['source-file-too-large', 'course-a', 'img/huge.png'],
        ['source-symlink', 'course-a', 'linked.ipynb'],
        ['source-symlink', 'course-a', 'outside-dir'],
      ],
    );
    assert.equal(course!.branch.tip, {
      sha: course!.branch.commit,
      date: '2021-03-01T00:00:00Z',
      author: '',
      email: '',
    });
    assert.match(course!.branch.commit, /^[0-9a-f]{64}$/);
  } finally {
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});

folders('the content hash is stable and follows the content, not the mtimes', async () => {
  const { dir } = folderTree();
  try {
    const first = (await readFolderBuilds(dir, ['course-a'])).builds[0]!.branch.commit;
    const again = (await readFolderBuilds(dir, ['course-a'])).builds[0]!.branch.commit;
    assert.is(again, first);
    const csv = join(dir, 'course-a/data.csv');
    utimesSync(csv, new Date('2023-01-01T00:00:00Z'), new Date('2023-01-01T00:00:00Z'));
    const touched = (await readFolderBuilds(dir, ['course-a'])).builds[0]!;
    assert.is(touched.branch.commit, first);
    assert.is(touched.branch.tip.date, '2023-01-01T00:00:00Z');
    writeFileSync(csv, 'a,b\n1,3\n');
    assert.is.not((await readFolderBuilds(dir, ['course-a'])).builds[0]!.branch.commit, first);
  } finally {
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});

folders('patterns select folders; a miss or a missing DIR is fatal', async () => {
  const { dir } = folderTree();
  try {
    assert.equal(
      (await readFolderBuilds(dir, ['Ünï ?'])).builds.map((b) => b.branch.name),
      ['Ünï 2'],
    );
    assert.equal(
      (await readFolderBuilds(dir, ['course-*'])).builds.map((b) => b.branch.name),
      ['course-a'],
    );
    for (const [args, pattern] of [
      [[dir, ['nope']], /no folder in .* matches "nope"/],
      [[join(dir, 'missing')], /cannot read the folder/],
    ] as const) {
      try {
        await readFolderBuilds(...(args as unknown as [string, string[]]));
        assert.unreachable('should throw');
      } catch (error) {
        assert.instance(error, BinderpressError);
        assert.match((error as Error).message, pattern);
      }
    }
  } finally {
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});

folders('isoSeconds drops milliseconds and writes UTC', () => {
  assert.is(isoSeconds(Date.UTC(2021, 0, 2, 3, 4, 5, 999)), '2021-01-02T03:04:05Z');
  assert.is(isoSeconds(0), '1970-01-01T00:00:00Z');
});

folders("a build folder's _toc.yml (or _toc.yaml) is read with its bytes", async () => {
  const base = mkdtempSync(join(tmpdir(), 'bp-'));
  try {
    put(base, 'a/x.ipynb', readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')), '2021-01-01T00:00:00Z');
    put(base, 'a/_toc.yaml', 'root: x\n', '2021-01-01T00:00:00Z');
    put(base, 'b/x.ipynb', readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')), '2021-01-01T00:00:00Z');
    put(base, 'b/sub/_toc.yml', 'root: x\n', '2021-01-01T00:00:00Z');
    const [a, b] = (await readFolderBuilds(base)).builds;
    assert.is(a?.toc?.path, '_toc.yaml');
    assert.is(new TextDecoder().decode(a!.toc!.bytes), 'root: x\n');
    assert.is(a?.toc?.blob, gitHashObject(join(base, 'a/_toc.yaml')));
    assert.is(b?.toc, undefined);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

folders('a folder that holds notebooks and no subfolder is one build, named after the folder', async () => {
  const base = mkdtempSync(join(tmpdir(), 'bp-'));
  try {
    const dir = join(base, 'notebooks');
    put(dir, 'HelloWorld.ipynb', readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')), '2021-01-01T00:00:00Z');
    put(
      dir,
      'Factorials.ipynb',
      readFileSync(join(fixtures, 'real/nbclient-factorials.ipynb')),
      '2021-02-01T00:00:00Z',
    );
    put(dir, 'requirements.txt', 'numpy\n', '2021-01-03T00:00:00Z');
    put(dir, '.ipynb_checkpoints/Factorials-checkpoint.ipynb', '{}', '2021-02-01T00:00:00Z');
    // As typed on a command line: relative, with a trailing slash.
    const { builds, diagnostics } = await readFolderBuilds(`${relative(process.cwd(), dir)}/`);
    assert.equal(
      builds.map((b) => b.branch.name),
      ['notebooks'],
    );
    const [build] = builds;
    assert.equal(
      build!.notebooks.map((n) => [n.branch, n.path]),
      [
        ['notebooks', 'Factorials.ipynb'],
        ['notebooks', 'HelloWorld.ipynb'],
      ],
    );
    assert.ok(
      Buffer.from(build!.notebooks[1]!.bytes).equals(readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb'))),
    );
    assert.equal(
      build!.envFiles.map((f) => f.path),
      ['requirements.txt'],
    );
    assert.is(build!.branch.tip.date, '2021-02-01T00:00:00Z');
    assert.equal(diagnostics, []);
    assert.equal(
      (await readFolderBuilds(dir, ['note*'])).builds.map((b) => b.branch.name),
      ['notebooks'],
    );
    try {
      await readFolderBuilds(dir, ['week-*']);
      assert.unreachable('should throw');
    } catch (error) {
      assert.instance(error, BinderpressError);
      assert.match((error as Error).message, /no folder in .* matches "week-\*"/);
    }
    const empty = join(base, 'empty');
    put(empty, 'notes.txt', 'no notebooks here', '2021-01-01T00:00:00Z');
    assert.equal(await readFolderBuilds(empty), { builds: [], diagnostics: [] });
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

folders('notebooks directly in a folder of build folders are in no build, and each is warned about', async () => {
  const base = mkdtempSync(join(tmpdir(), 'bp-'));
  try {
    put(base, 'week-1/a.ipynb', readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')), '2021-01-01T00:00:00Z');
    put(base, 'week-2/b.ipynb', readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')), '2021-01-01T00:00:00Z');
    put(base, 'stray.ipynb', readFileSync(join(fixtures, 'real/nbclient-factorials.ipynb')), '2021-01-01T00:00:00Z');
    put(base, 'Draft 2.ipynb', readFileSync(join(fixtures, 'real/nbclient-factorials.ipynb')), '2021-01-01T00:00:00Z');
    put(base, 'README.md', 'not a notebook', '2021-01-01T00:00:00Z');
    const { builds, diagnostics } = await readFolderBuilds(base, ['week-1']);
    assert.equal(
      builds.map((b) => b.branch.name),
      ['week-1'],
    );
    assert.equal(
      builds[0]!.notebooks.map((n) => n.path),
      ['a.ipynb'],
    );
    assert.equal(
      diagnostics.map((d) => [d.rule, d.severity, d.branch, d.path]),
      [
        ['source-outside-build', 'warning', '', 'Draft 2.ipynb'],
        ['source-outside-build', 'warning', '', 'stray.ipynb'],
      ],
    );
    for (const d of diagnostics) {
      assert.is(
        d.message,
        `skipped a notebook directly in ${base}: only its subfolders are builds, so the notebook is in none`,
      );
      assert.is(
        d.hint,
        `move it into one of the build folders (week-1, week-2), or into a new subfolder of ${base} to make a build of its own`,
      );
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

folders('the output and cache folders inside the folder are neither builds nor read', async () => {
  const base = mkdtempSync(join(tmpdir(), 'bp-'));
  try {
    const flat = join(base, 'flat');
    put(flat, 'a.ipynb', readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')), '2021-01-01T00:00:00Z');
    put(
      flat,
      'public/flat/a.ipynb',
      readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')),
      '2021-01-01T00:00:00Z',
    );
    put(flat, '.cache/binderpress/render/x', 'cached', '2021-01-01T00:00:00Z');
    const read = await readFolderBuilds(flat, undefined, ['public', '.cache/binderpress']);
    assert.equal(
      read.builds.map((b) => [b.branch.name, b.paths]),
      [['flat', ['a.ipynb']]],
    );
    assert.equal(read.diagnostics, []);
    const nested = join(base, 'nested');
    put(nested, 'week-1/a.ipynb', readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')), '2021-01-01T00:00:00Z');
    put(
      nested,
      'site/week-1/a.ipynb',
      readFileSync(join(fixtures, 'real/nbclient-unicode.ipynb')),
      '2021-01-01T00:00:00Z',
    );
    assert.equal(
      (await readFolderBuilds(nested, undefined, ['site'])).builds.map((b) => b.branch.name),
      ['week-1'],
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

folders.run();
