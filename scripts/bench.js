#!/usr/bin/env node
// `npm run bench [-- --sizes 100,1000,10000] [--branches 5] [--copies-sizes 660] [--jobs N] [--no-nbconvert] [--keep]`
// Builds repositories of generated notebooks (several branches) and reports, per size: cold build
// time, notebooks/s, MB/s, peak memory (max RSS of the build process, worker threads included),
// rebuild after one notebook changed and after nothing changed (and whether it wrote anything),
// the naive read-parse-write floor and our ratio to it, and — on 66 notebooks, or any size given
// with --nbconvert-sizes — Debian's nbconvert on the same notebooks and its ratio to us. Sizes in
// --copies-sizes (default 660, the 10-fold copy) are also measured as ten branches that
// each hold the same course of size/10 notebooks, as when a course is copied to next year's branch.
// Each build is a fresh `binderpress build` process: start-up is included.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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
const sizes = opt('sizes', '100,1000,10000').split(',').map(Number).filter((n) => n > 0);
const branches = Number(opt('branches', '5'));
const nbconvertSizes = args.includes('--no-nbconvert') ? [] : opt('nbconvert-sizes', '66').split(',').map(Number).filter((n) => n > 0);
const floorSizes = opt('floor-sizes', '660').split(',').map(Number).filter((n) => n > 0);
const jobs = opt('jobs', undefined);
const copySizes = opt('copies-sizes', '660').split(',').map(Number).filter((n) => n >= 10);
const COPIES = 10;

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
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', out, cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.slice(0, 3).join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
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

function measure(size, plots, work, withNbconvert, copies = 0) {
  const dir = join(work, `n${size}${copies ? 'c' : ''}`);
  const repo = join(dir, 'repo');
  const plain = join(dir, 'plain');
  const bytes = makeBenchRepo(repo, plain, size, copies || Math.min(branches, size), plots, copies);
  const out = join(dir, 'site');
  const build = ['bin/binderpress.js', 'build', '--repo', repo, '--out', out, '--cache', join(dir, 'cache'), '--site-url', 'https://bench.example/course/', '--quiet', ...(jobs ? ['--jobs', jobs] : [])];
  const run = () => timed(process.execPath, build.map((a) => (a.startsWith('bin/') ? join(root, a) : a)));
  const cold = run();
  const before = markerStamp(out);
  const nothing = run();
  const wroteNothing = markerStamp(out) === before;
  changeOne(repo, plots, 1);
  const one = run();
  const floor = timed(process.execPath, [join(root, 'scripts/bench/floor.js'), plain, join(dir, 'floor')]);
  let nbconvert;
  if (withNbconvert) {
    const files = execFileSync('find', [plain, '-name', '*.ipynb'], { encoding: 'utf8' }).trim().split('\n').sort();
    nbconvert = timed('/usr/bin/python3', ['-m', 'nbconvert', '--to', 'html', '--log-level', 'ERROR', '--output-dir', join(dir, 'nbconvert'), ...files]);
  }
  rmSync(dir, { recursive: true, force: true });
  return { size, copies, mb: bytes / 1e6, cold, nothing, wroteNothing, one, floor, nbconvert };
}

const f = (n, d = 2) => (n === undefined ? '—' : n.toFixed(d));
function row(r) {
  return [
    (r.copies ? `${r.size / r.copies}×${r.copies}` : String(r.size)).padStart(6),
    f(r.mb, 1).padStart(7),
    f(r.cold.seconds).padStart(7),
    f(r.size / r.cold.seconds, 0).padStart(6),
    f(r.mb / r.cold.seconds, 1).padStart(6),
    f(r.cold.mb, 0).padStart(7),
    f(r.one.seconds).padStart(7),
    `${(r.one.seconds / r.cold.seconds * 100).toFixed(0)}%`.padStart(5),
    f(r.nothing.seconds).padStart(7),
    (r.wroteNothing ? 'yes' : 'NO').padStart(6),
    f(r.floor.seconds).padStart(6),
    `${f(r.cold.seconds / r.floor.seconds, 1)}×`.padStart(6),
    f(r.nbconvert?.seconds).padStart(7),
    (r.nbconvert ? `${f(r.nbconvert.seconds / r.cold.seconds, 1)}×` : '—').padStart(7),
  ].join(' ');
}

async function main() {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const plots = await makePlots();
  const work = mkdtempSync(join(tmpdir(), 'bp-bench-'));
  const haveNbconvert = nbconvertWorks();
  const all = [...new Set([...nbconvertSizes, ...floorSizes, ...copySizes, ...sizes])].sort((a, b) => a - b);
  console.log(`binderpress benchmark · ${cpus().length} cores (${cpus()[0]?.model ?? '?'}) · node ${process.version} · ${new Date().toISOString().slice(0, 10)} · ${branches} branches`);
  console.log(`notebooks: ≈21 cells, ≈207 KB each (like a real course corpus: 67 executed notebooks, 14 MB, 288 PNG plots): markdown + math, code, four distinct PNG plots, an HTML table, a 150-line stream, an ANSI traceback`);
  console.log('  size      MB  cold s  nb/s   MB/s peak MB  1-chg s  1/c  none s wrote0 floor  ×floor  nbconv  nbc/us');
  const results = [];
  try {
    for (const size of all) {
      const r = measure(size, plots, work, haveNbconvert && nbconvertSizes.includes(size));
      results.push(r);
      console.log(row(r));
      if (copySizes.includes(size)) {
        const c = measure(size, plots, work, false, COPIES);
        results.push(c);
        console.log(row(c));
      }
    }
  } finally {
    if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
  }
  if (!haveNbconvert && nbconvertSizes.length) console.log('nbconvert: not installed (/usr/bin/python3 -m nbconvert failed), skipped');
  if (results.some((r) => r.copies)) console.log(`size N×${COPIES}: ${COPIES} branches that each hold the same N notebooks (a course copied branch to branch, like a ${COPIES}-fold copy of a corpus)`);
  console.log('columns: cold = first build with an empty cache; 1-chg = rebuild after one notebook changed (1/c: its share of cold);');
  console.log('  none = rebuild with nothing changed (wrote0: the output was not touched); floor = naive read + JSON.parse + write escaped HTML;');
  console.log('  nbconv = Debian nbconvert --to html on the same notebooks; nbc/us = how many times faster we are. Peak = max RSS of the build.');
  const { benchDiagrams } = await import('../dist/diagrams/bench.js');
  for (const line of await benchDiagrams()) console.log(line);
  if (existsSync(work) && args.includes('--keep')) console.log(`kept ${work}`);
}

await main();
