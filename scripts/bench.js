#!/usr/bin/env node
// `npm run bench [-- --sizes 100,1000,10000] [--branches 5] [--copies-sizes 660] [--jobs N] [--webp] [--no-nbconvert] [--keep]`
// (`--webp`: builds with `images: { webp: true }`, to measure what WebP copies cost.)
// Builds repositories of generated notebooks (several branches) and reports, per size: cold build
// time, notebooks/s, MB/s, peak memory (max RSS of the build process, worker threads included),
// rebuild after one notebook changed and after nothing changed (and whether it wrote anything),
// the naive read-parse-write floor and our ratio to it, and — on 66 notebooks, or any size given
// with --nbconvert-sizes — Debian's nbconvert on the same notebooks and its ratio to us. Sizes in
// --copies-sizes (default 660, the 10-fold copy) are also measured as ten branches that
// each hold the same course of size/10 notebooks, as when a course is copied to next year's branch,
// and as ten branches whose copies each have one markdown cell edited in every notebook (every
// blob differs: only cell-level reuse spares the work).
// At --required-sizes (default 66 and 660) it also times the required work alone (see
// bench/required.js): the bound under which no build can go on this machine. Each build is a fresh
// `binderpress build` process: start-up is included. The end lists each target of the issue
// against the figures of this run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePlots } from './bench/notebooks.js';
import { changeOne, makeBenchRepo } from './bench/repo.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const sizes = opt('sizes', '100,1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const branches = Number(opt('branches', '5'));
const nbconvertSizes = args.includes('--no-nbconvert')
  ? []
  : opt('nbconvert-sizes', '66')
      .split(',')
      .map(Number)
      .filter((n) => n > 0);
const floorSizes = opt('floor-sizes', '660')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const jobs = opt('jobs', undefined);
const requiredSizes = opt('required-sizes', '66,660')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const copySizes = opt('copies-sizes', '660')
  .split(',')
  .map(Number)
  .filter((n) => n >= 10);
const COPIES = 10;
const webp = args.includes('--webp');

/**
 * Lets the disk settle before a timed run: flushes dirty pages and waits out the discards that
 * removing the previous run's files queued (on a `discard`-mounted disk they slowed the next
 * run's file creation tenfold), so each figure measures its own work.
 */
function settle() {
  spawnSync('sync');
  spawnSync('sleep', ['2']);
}

/** Runs a command under /usr/bin/time: wall seconds and max RSS in MB. */
function timed(cmd, argv) {
  settle();
  const out = join(tmpdir(), `bp-bench-time-${process.pid}`);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', out, cmd, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0)
    throw new Error(`${cmd} ${argv.slice(0, 3).join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const [seconds, kb] = readFileSync(out, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  rmSync(out, { force: true });
  return { seconds, mb: kb / 1024 };
}

function nbconvertWorks() {
  return spawnSync('/usr/bin/python3', ['-m', 'nbconvert', '--version'], { encoding: 'utf8' }).status === 0;
}

function markerStamp(out) {
  const s = statSync(join(out, '.binderpress-site'));
  return `${s.ino}:${s.mtimeMs}`;
}

function measure(size, plots, work, withNbconvert, copies = 0, edited = false) {
  const dir = join(work, `n${size}${copies ? 'c' : ''}${edited ? 'e' : ''}`);
  const repo = join(dir, 'repo');
  const plain = join(dir, 'plain');
  const bytes = makeBenchRepo(repo, plain, size, copies || Math.min(branches, size), plots, copies, edited);
  const out = join(dir, 'site');
  const configFile = join(dir, 'binderpress.yml');
  writeFileSync(configFile, webp ? 'images:\n  webp: true\n' : '{}\n');
  const build = [
    'bin/binderpress.js',
    'build',
    '--config',
    configFile,
    '--repo',
    repo,
    '--out',
    out,
    '--cache',
    join(dir, 'cache'),
    '--site-url',
    'https://bench.example/course/',
    '--quiet',
    ...(jobs ? ['--jobs', jobs] : []),
  ];
  const run = () =>
    timed(
      process.execPath,
      build.map((a) => (a.startsWith('bin/') ? join(root, a) : a)),
    );
  const cold = run();
  const before = markerStamp(out);
  const nothing = run();
  const wroteNothing = markerStamp(out) === before;
  changeOne(repo, plots, 1, copies, edited);
  const one = run();
  const floor = timed(process.execPath, [join(root, 'scripts/bench/floor.js'), plain, join(dir, 'floor')]);
  const required = requiredSizes.includes(size)
    ? timed(process.execPath, [join(root, 'scripts/bench/required.js'), plain, ...(webp ? ['--webp'] : [])])
    : undefined;
  let nbconvert;
  if (withNbconvert) {
    const files = execFileSync('find', [plain, '-name', '*.ipynb'], { encoding: 'utf8' }).trim().split('\n').sort();
    nbconvert = timed('/usr/bin/python3', [
      '-m',
      'nbconvert',
      '--to',
      'html',
      '--log-level',
      'ERROR',
      '--output-dir',
      join(dir, 'nbconvert'),
      ...files,
    ]);
  }
  rmSync(dir, { recursive: true, force: true });
  return { size, copies, edited, mb: bytes / 1e6, cold, nothing, wroteNothing, one, floor, required, nbconvert };
}

const f = (n, d = 2) => (n === undefined ? '—' : n.toFixed(d));
const label = (r) => (r.copies ? `${r.size / r.copies}×${r.copies}${r.edited ? 'e' : ''}` : String(r.size));
function row(r) {
  return [
    label(r).padStart(6),
    f(r.mb, 1).padStart(7),
    f(r.cold.seconds).padStart(7),
    f(r.size / r.cold.seconds, 0).padStart(6),
    f(r.mb / r.cold.seconds, 1).padStart(6),
    f(r.cold.mb, 0).padStart(7),
    f(r.one.seconds).padStart(7),
    `${((r.one.seconds / r.cold.seconds) * 100).toFixed(0)}%`.padStart(5),
    f(r.nothing.seconds).padStart(7),
    (r.wroteNothing ? 'yes' : 'NO').padStart(6),
    f(r.floor.seconds).padStart(6),
    `${f(r.cold.seconds / r.floor.seconds, 1)}×`.padStart(6),
    f(r.required?.seconds).padStart(6),
    f(r.nbconvert?.seconds).padStart(7),
    (r.nbconvert ? `${f(r.nbconvert.seconds / r.cold.seconds, 1)}×` : '—').padStart(7),
  ].join(' ');
}

/** The targets, each against this run's figures (only those whose sizes were measured). */
function targetLines(results) {
  const lines = ['targets (issue: fast at every size):'];
  const add = (what, met, figures) => lines.push(`  ${met ? 'met    ' : 'NOT met'}  ${what}: ${figures}`);
  const at = (size, copies = false, edited = false) =>
    results.find((r) => r.size === size && Boolean(r.copies) === copies && Boolean(r.edited) === edited);
  const n66 = at(66);
  if (n66?.nbconvert) {
    const goal = n66.nbconvert.seconds / 10;
    const bound = n66.required
      ? `; the required work alone takes ${f(n66.required.seconds)} s (${f(n66.nbconvert.seconds / n66.required.seconds, 1)}× nbconvert)`
      : '';
    add(
      '66 notebooks cold, start-up included: ≥ 10× faster than nbconvert',
      n66.cold.seconds <= goal,
      `${f(n66.cold.seconds)} s against ${f(goal)} s (nbconvert ${f(n66.nbconvert.seconds)} s)${bound}`,
    );
  }
  const d660 = at(660);
  if (d660) {
    // nbconvert runs one notebook after another: its time at 660 is ten times its time at 66 unless measured.
    const nbc = d660.nbconvert?.seconds ?? (n66?.nbconvert ? n66.nbconvert.seconds * 10 : undefined);
    if (nbc !== undefined)
      add(
        '660 distinct cold: ≥ 10× faster than nbconvert',
        d660.cold.seconds <= nbc / 10,
        `${f(d660.cold.seconds)} s against ${f(nbc / 10)} s (nbconvert ${f(nbc)} s${d660.nbconvert ? '' : ', its 66-notebook time × 10, not run at 660'})`,
      );
  }
  const e660 = at(660, true, true);
  if (e660) {
    const bound = e660.required ? `; the required work alone takes ${f(e660.required.seconds)} s` : '';
    add(
      '10 branches × 66 edited copies cold: ≤ 3× the floor',
      e660.cold.seconds <= 3 * e660.floor.seconds,
      `${f(e660.cold.seconds)} s against ${f(3 * e660.floor.seconds)} s (floor ${f(e660.floor.seconds)} s)${bound}`,
    );
  }
  const c660 = at(660, true);
  if (c660)
    add(
      '(for comparison) 10 branches × 66 identical copies cold ≤ 3× the floor',
      c660.cold.seconds <= 3 * c660.floor.seconds,
      `${f(c660.cold.seconds)} s against ${f(3 * c660.floor.seconds)} s`,
    );
  const k1 = at(1000);
  if (k1)
    add(
      'one changed cell at 1,000: ≤ 1/20 of the cold build',
      k1.one.seconds <= k1.cold.seconds / 20,
      `${f(k1.one.seconds)} s against ${f(k1.cold.seconds / 20)} s`,
    );
  add(
    'nothing changed writes nothing',
    results.every((r) => r.wroteNothing),
    results.map((r) => `${label(r)}: ${r.wroteNothing ? 'none' : 'WROTE'}`).join(', '),
  );
  const k10 = at(10000);
  if (k10) add('peak memory < 500 MB at 10,000', k10.cold.mb < 500, `${f(k10.cold.mb, 0)} MB`);
  // Linear: seconds per notebook must not grow with size (start-up makes small sizes dearer).
  const distinct = results.filter((r) => !r.copies && r.size >= 600).sort((a, b) => a.size - b.size);
  if (distinct.length >= 2) {
    const per = distinct.map((r) => (r.cold.seconds / r.size) * 1000);
    const growth = Math.max(...per.slice(1).map((p, i) => p / per[i]));
    add(
      'time linear in notebooks (ms a notebook grows ≤ 20 % from size to size)',
      growth <= 1.2,
      distinct.map((r, i) => `${r.size}: ${f(per[i], 1)} ms`).join(', '),
    );
  }
  return lines;
}

async function main() {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  const plots = await makePlots();
  const work = mkdtempSync(join(tmpdir(), 'bp-bench-'));
  const haveNbconvert = nbconvertWorks();
  const all = [...new Set([...nbconvertSizes, ...floorSizes, ...copySizes, ...sizes])].sort((a, b) => a - b);
  console.log(
    `binderpress benchmark · ${cpus().length} cores (${cpus()[0]?.model ?? '?'}) · node ${process.version} · ${new Date().toISOString().slice(0, 10)} · ${branches} branches${webp ? ' · images.webp on' : ''}`,
  );
  console.log(
    `notebooks: ≈21 cells, ≈207 KB each (like a real course corpus: 67 executed notebooks, 14 MB, 288 PNG plots): markdown + math, code, four distinct PNG plots, an HTML table, a 150-line stream, an ANSI traceback`,
  );
  console.log(
    '  size      MB  cold s  nb/s   MB/s peak MB  1-chg s  1/c  none s wrote0 floor  ×floor  req s  nbconv  nbc/us',
  );
  const results = [];
  try {
    for (const size of all) {
      const r = measure(size, plots, work, haveNbconvert && nbconvertSizes.includes(size));
      results.push(r);
      console.log(row(r));
      if (copySizes.includes(size)) {
        for (const edited of [false, true]) {
          const c = measure(size, plots, work, false, COPIES, edited);
          results.push(c);
          console.log(row(c));
        }
      }
    }
  } finally {
    if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
  }
  if (!haveNbconvert && nbconvertSizes.length)
    console.log('nbconvert: not installed (/usr/bin/python3 -m nbconvert failed), skipped');
  if (results.some((r) => r.copies))
    console.log(
      `size N×${COPIES}: ${COPIES} branches that each hold the same N notebooks (a course copied branch to branch, like a ${COPIES}-fold copy of a corpus); N×${COPIES}e: each branch's copy of every notebook has one markdown cell edited`,
    );
  console.log(
    'columns: cold = first build with an empty cache; 1-chg = rebuild after one markdown cell of one notebook changed (1/c: its share of cold);',
  );
  console.log(
    '  none = rebuild with nothing changed (wrote0: the output was not touched); floor = naive read + JSON.parse + write escaped HTML;',
  );
  console.log(
    "  req = the required work alone: reading each distinct plot's size and shiki highlighting of each code cell, on all cores;",
  );
  console.log(
    '  nbconv = Debian nbconvert --to html on the same notebooks; nbc/us = how many times faster we are. Peak = max RSS of the build.',
  );
  for (const line of targetLines(results)) console.log(line);
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/diagrams.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (existsSync(work) && args.includes('--keep')) console.log(`kept ${work}`);
}

await main();
