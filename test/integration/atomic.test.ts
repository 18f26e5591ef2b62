// Chaos: `build` and `publish` are killed with SIGKILL (the whole process group, git children
// included, as a cancelled CI job is) at seeded moments spread uniformly over an uninterrupted
// run's duration. After each kill: the output folder holds the previous site or the new one,
// whole; the repository passes `git fsck`, its refs are as they were but for the publish branch,
// whose tip is the old or the new commit and holds a complete site tree; the working tree and the
// index are untouched. The next run succeeds and makes exactly what an uninterrupted run makes.
// The moments come from a seeded generator: a failure message names the seed and the moment.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recoverInterruptedSwap } from '../../src/io/write-site.js';
import { Rng } from '../support/prng.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEIGBn+MzAwAAAw7gP9bq2fLQAAAABJRU5ErkJggg==';
const SEED = 20260105;
/** Kill moments per command (build and publish): 50 in all. */
const KILLS = 25;

/** The two sites the runs alternate between: the same branch `a` with `b` or with `c`. */
const STATES = [
  ['a', 'b'],
  ['a', 'c'],
] as const;

let repo: TestRepo;
let work: string;
/** The sites of STATES, built uninterrupted, and how long each build took. */
let sites: Map<string, string>[];
let buildMs: number[];

/** path → sha256 of every file under dir (the marker file, which names its folder, aside). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const rel of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const full = join(dir, rel);
    if (rel !== '.binderpress-site' && statSync(full).isFile())
      out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
  }
  return out;
}

const same = (a: Map<string, string>, b: Map<string, string>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

function args(command: 'build' | 'publish', out: string, state: number, cache: string | undefined): string[] {
  // --force: the two sites differ by a build (b or c), which publish otherwise refuses to remove.
  const force = command === 'publish' ? ['--force'] : [];
  return [
    BIN,
    command,
    '--repo',
    repo.dir,
    '--out',
    out,
    ...(cache ? ['--cache', cache] : ['--no-cache']),
    '--quiet',
    ...force,
    '--site-url',
    'https://example.org/',
    '--branches',
    ...STATES[state]!,
  ];
}

function run(command: 'build' | 'publish', out: string, state: number, cache?: string) {
  const start = performance.now();
  const r = spawnSync(process.execPath, args(command, out, state, cache), { cwd: work, encoding: 'utf8' });
  return { ...r, ms: performance.now() - start };
}

/** Starts a run in its own process group and kills the group after `ms`; true when it was still running. */
async function killAt(
  command: 'build' | 'publish',
  out: string,
  state: number,
  ms: number,
  cache?: string,
): Promise<boolean> {
  const child = spawn(process.execPath, args(command, out, state, cache), {
    cwd: work,
    stdio: 'ignore',
    detached: true,
  });
  let done = false;
  const exited = new Promise((r) => child.once('exit', () => r((done = true))));
  await new Promise((r) => setTimeout(r, ms));
  const wasRunning = !done;
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // the group is gone already
  }
  await exited;
  return wasRunning;
}

/** What a kill must not touch: every ref but the publish branch, the index, the working tree. */
function repoState(): string {
  const refs = repo
    .git('for-each-ref', '--format=%(refname) %(objectname)')
    .split('\n')
    .filter((l) => l && !l.startsWith('refs/heads/gh-pages '));
  const paths = repo.git('ls-files', '-z', '--cached', '--others').split('\0').filter(Boolean).sort();
  const files = paths.map(
    (p) =>
      `${p} ${
        existsSync(join(repo.dir, p))
          ? createHash('sha256')
              .update(readFileSync(join(repo.dir, p)))
              .digest('hex')
          : 'deleted'
      }`,
  );
  return [...refs, repo.git('ls-files', '--stage'), repo.git('status', '--porcelain=v1', '-uall'), ...files].join('\n');
}

const treeOf = (rev: string) => repo.git('rev-parse', `${rev}^{tree}`).trim();

function fsck(): void {
  const r = spawnSync('git', ['fsck', '--full', '--no-progress', '--no-dangling'], { cwd: repo.dir, encoding: 'utf8' });
  assert.is(r.status, 0, `git fsck: ${r.stdout}${r.stderr}`);
}

test.before(() => {
  repo = makeRepo('https://github.com/octo/atomic.git');
  work = makeTempDir('bp-atomic-');
  const lessons = (branch: string, n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `unit-${i}/lesson ${i}.ipynb`,
        notebookJson([
          md(`# ${branch} lesson ${i}\n\nSome $x_${i}^2$ math and **text**.\n\n## Part\n\nMore.`),
          code(`import numpy as np\nprint(${i})`, [
            { output_type: 'stream', name: 'stdout', text: [`${i}\n`] },
            { output_type: 'display_data', data: { 'image/png': PNG, 'text/plain': ['<Figure>'] }, metadata: {} },
          ]),
        ]),
      ]),
    );
  repo.commit('a', lessons('a', 3), 'a');
  repo.commit('b', lessons('b', 3), 'b');
  repo.commit('c', lessons('c', 4), 'c');
  // A checkout with staged, unstaged and untracked changes: none of them may move.
  repo.git('checkout', '-q', 'a');
  writeFileSync(join(repo.dir, 'staged.txt'), 'staged\n');
  repo.git('add', 'staged.txt');
  writeFileSync(join(repo.dir, 'unit-0', 'lesson 0.ipynb'), '{"edited": true}');
  writeFileSync(join(repo.dir, 'untracked.txt'), 'untracked\n');
  // The two complete sites, built uninterrupted; their durations set the kill window.
  buildMs = STATES.map((_, s) => {
    const r = run('build', join(work, `ref-${s}`), s);
    assert.is(r.status, 0, r.stderr);
    return r.ms;
  });
  sites = STATES.map((_, s) => snapshot(join(work, `ref-${s}`)));
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test(`SIGKILL at ${KILLS} seeded moments of a build leaves the previous site whole, and the next build makes the same site`, async () => {
  const ms = [...buildMs];
  assert.ok(!same(sites[0]!, sites[1]!));
  const rng = new Rng(SEED);
  const out = join(work, 'public');
  assert.is(run('build', out, 0).status, 0);
  let state = 0;
  let midRun = 0;
  let swapsRepaired = 0;
  let leftBehind = 0;
  for (let k = 0; k < KILLS; k++) {
    const target = 1 - state;
    const moment = Math.round(rng.next() * ms[target]!);
    // A fresh cache each time: the killed build writes it, the next build reads what it left.
    const cache = join(work, `cache-${k}`);
    const where = `seed ${SEED}, kill ${k} at ${moment} ms`;
    if (await killAt('build', out, target, moment, cache)) midRun++;
    if (!existsSync(out)) swapsRepaired++;
    recoverInterruptedSwap(out);
    const now = snapshot(out);
    assert.ok(
      same(now, sites[state]!) || same(now, sites[target]!),
      `${where}: the output is neither the old nor the new site (${now.size} files)`,
    );
    const next = run('build', out, target, cache);
    assert.is(next.status, 0, `${where}: the next build failed: ${next.stderr}`);
    // The window follows the machine's pace: an uninterrupted run of the same site, just now.
    ms[target] = next.ms;
    assert.ok(same(snapshot(out), sites[target]!), `${where}: the next build differs from an uninterrupted one`);
    // A folder left beside the output (`.public.old-PID`) is seen now and then after the next build
    // on a loaded machine; it holds no part of the site. Counted here, and the build after must clear it.
    if (readdirSync(work).some((n) => n.startsWith('.public.'))) leftBehind++;
    rmSync(cache, { recursive: true, force: true });
    state = target;
  }
  console.log(
    `build: ${KILLS} kills over ${Math.round(Math.max(...ms))} ms, ${midRun} mid-run, ${swapsRepaired} between the swap's renames, ${leftBehind} times a folder was left beside the output`,
  );
  assert.is(run('build', out, state).status, 0);
  assert.equal(
    readdirSync(work).filter((n) => n.startsWith('.public.')),
    [],
    'a build clears what killed builds left beside the output',
  );
  assert.ok(midRun >= KILLS / 2, `only ${midRun} of ${KILLS} kills landed while the build ran`);
});

test(`SIGKILL at ${KILLS} seeded moments of a publish leaves the repository, the checkout and gh-pages whole`, async () => {
  const before = repoState();
  // The two published trees, from uninterrupted publishes.
  const out = join(work, 'published');
  const ms: number[] = [];
  const trees: string[] = [];
  for (const s of [0, 1, 0]) {
    const r = run('publish', out, s);
    assert.is(r.status, 0, r.stderr);
    ms[s] = r.ms;
    trees[s] = treeOf('gh-pages');
  }
  assert.is.not(trees[0], trees[1]);
  assert.ok(same(snapshot(out), sites[0]!), 'publish writes the same site as build');
  const rng = new Rng(SEED + 1);
  let state = 0;
  let midRun = 0;
  const landed = { old: 0, new: 0 };
  for (let k = 0; k < KILLS; k++) {
    const target = 1 - state;
    const tip = repo.git('rev-parse', 'gh-pages').trim();
    const moment = Math.round(rng.next() * ms[target]!);
    const where = `seed ${SEED + 1}, kill ${k} at ${moment} ms`;
    if (await killAt('publish', out, target, moment)) midRun++;
    fsck();
    assert.equal(repoState(), before, `${where}: a ref, the index or the working tree changed`);
    recoverInterruptedSwap(out);
    const site = snapshot(out);
    assert.ok(
      same(site, sites[state]!) || same(site, sites[target]!),
      `${where}: the output is neither the old nor the new site (${site.size} files)`,
    );
    const now = repo.git('rev-parse', 'gh-pages').trim();
    if (now === tip) landed.old++;
    else {
      assert.is(
        repo.git('rev-parse', `${now}^`).trim(),
        tip,
        `${where}: gh-pages moved to a commit whose parent is not the old tip`,
      );
      assert.is(treeOf(now), trees[target], `${where}: gh-pages holds an incomplete site`);
      landed.new++;
    }
    const next = run('publish', out, target);
    assert.is(next.status, 0, `${where}: the next publish failed: ${next.stderr}`);
    ms[target] = next.ms;
    assert.is(treeOf('gh-pages'), trees[target], `${where}: the next publish differs from an uninterrupted one`);
    assert.ok(
      same(snapshot(out), sites[target]!),
      `${where}: the next publish's site differs from an uninterrupted one`,
    );
    state = target;
  }
  fsck();
  assert.equal(repoState(), before);
  console.log(
    `publish: ${KILLS} kills over ${Math.round(Math.max(...ms))} ms, ${midRun} mid-run; gh-pages kept the old tip ${landed.old} times, had the new one ${landed.new} times`,
  );
  assert.ok(midRun >= KILLS / 2, `only ${midRun} of ${KILLS} kills landed while publish ran`);
});

test.run();
