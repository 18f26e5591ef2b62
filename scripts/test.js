#!/usr/bin/env node
// Runs the test suite: compile (the integration tests drive the real CLI from dist/), then every
// `src/**/*.test.ts` (unit tests, beside their module) and `test/**/*.test.ts` (integration and
// bench tests) with uvu, one process per file (the pure files shared among a few processes), as
// many at once as there are cores (the slow integration files first, so the machine stays busy to
// the end), each process's output printed whole when it ends, then `N passed, N failed` from uvu's
// counts. Biome's format and lint check (`biome ci`, the same as `npm run lint`) runs first and
// counts as one test.
// Usage: npm test [-- PATTERN]   PATTERN: a regex on test file paths from the root, e.g. src/feeds/x.test.ts
//        npm run test:unit        the fast pure stages only (no test/integration/ files)
// TEST_JOBS=N sets how many processes run at once; TEST_ISOLATE=1 runs each file in its own.
// TEST_PROFILE=1 prints, at the end, the slowest files with their wall and CPU seconds (the CPU
// time counts the children each file waited for: CLI builds, git, chromium, kernels).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePackages } from './test-deps.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unit = args.includes('--unit');
const pattern = new RegExp(args.find((a) => !a.startsWith('--')) ?? '\\.test\\.ts$');
const selected = args.some((a) => !a.startsWith('--')) || unit;

// The suite reads feeds with Debian's feedparser, validates with jing and xmllint, opens pages in
// chromium and executes notebooks with nbclient: bring those packages first (as root), else say how.
if (!unit) {
  const deps = ensurePackages();
  if (deps.missing.length > 0) {
    console.error(
      `The tests need Debian packages that are not installed: ${deps.missing.join(' ')}\nInstall them with:\n  ${deps.command}`,
    );
    if (!selected) {
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
    console.error('Running the selected tests anyway; those that need these packages will fail.');
  }
}

const profile = process.env.TEST_PROFILE === '1' ? mkdtempSync(join(tmpdir(), 'bp-test-cpu-')) : undefined;
const profiled = [];
/** CPU seconds of the children this process has waited for (Linux), else undefined. */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

// A formatting or lint problem fails the run like a failed test, with Biome's report above.
const lint = spawnSync(process.execPath, [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'ci', '.'], {
  cwd: root,
  stdio: 'inherit',
});
const linted = lint.status === 0;
if (!linted)
  console.error('Biome found formatting or lint problems (see above): `npm run format` fixes the formatting.');

const tscStart = { wall: performance.now(), cpu: childCpu() };
// Incremental: a run after a small change recompiles what changed (≈1.9 CPU seconds instead of
// 3.3 measured). The build info lives apart from dist/ (which is published) and is dropped when
// dist/ is gone, since tsc would then believe the missing output up to date.
const buildInfo = join(root, 'node_modules/.cache/binderpress-tsc/build.tsbuildinfo');
if (!existsSync(join(root, 'dist/cli.js'))) rmSync(buildInfo, { force: true });
const tscArgs = ['-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', buildInfo];
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), ...tscArgs], {
  cwd: root,
  stdio: 'inherit',
});
const compiled = tsc.status === 0;
if (!compiled) console.error('TypeScript compile failed (see above); running the tests anyway.');
if (profile)
  profiled.push({
    file: '(tsc -p tsconfig.build.json)',
    wall: (performance.now() - tscStart.wall) / 1000,
    cpu: childCpu() - tscStart.cpu,
  });

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [relative(root, path).split('\\').join('/')] : [];
  });
}

// Integration files build sites, open browsers and run kernels: they start first.
const integration = (file) => file.startsWith('test/integration/');
const weight = (file) => (integration(file) ? 2 : /serve|publish|browser|diagrams|execute/.test(file) ? 1 : 0);
const files = ['src', 'test']
  .flatMap((dir) => testFiles(join(root, dir)))
  .filter((f) => pattern.test(f) && !(unit && integration(f)))
  .sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1));
const jobs = Math.max(1, Number(process.env.TEST_JOBS) || availableParallelism());
// The pure files (weight 0) run together, uvu's own way, a few processes per job: each file alone
// paid ≈1 CPU second to start node, tsx and the modules it shares with the others (jsdom, shiki,
// zod), more than most of these files' tests take (a sample of 21 files: 50.7 CPU seconds one
// process each, 27.1 in two). Files that start servers, browsers, kernels or the CLI keep a process each.
// TEST_ISOLATE=1 gives every file its own process again.
// Files whose tests race a clock (the highlighter's time limit per line and per cell, a render
// that must finish in 1.5 s) keep a process of their own, as before: no other file's heap and
// garbage collection run in their time.
const timed = new Set(['src/render/highlight.test.ts', 'src/render/markdown.test.ts']);
// A process runs files of one folder (uvu walks one): the pure files are those under src/.
const pure =
  process.env.TEST_ISOLATE === '1' ? [] : files.filter((f) => weight(f) === 0 && !timed.has(f) && f.startsWith('src/'));
// Two batches per job, so the last ones to finish leave no core idle for long.
const batchCount = Math.min(2 * jobs, pure.length);
const batches = Array.from({ length: batchCount }, (_, i) => pure.filter((_, k) => k % batchCount === i));
const groups = [
  ...files.filter((f) => !pure.includes(f)).map((f) => ({ label: f, files: [f] })),
  ...batches.map((b) => ({
    label: b.length === 1 ? b[0] : `${b.length} pure files (${b[0]} … ${b.at(-1)})`,
    files: b,
  })),
];
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function readCpu(file) {
  try {
    const { self, children } = JSON.parse(readFileSync(file, 'utf8'));
    return self + children;
  } catch {
    return NaN; // the process died before its exit handler ran
  }
}

function runGroup({ label, files: group }) {
  return new Promise((done) => {
    const cpuFile = profile && join(profile, `${profiled.length}-${label.replace(/\W/g, '_').slice(0, 80)}.json`);
    const preload = cpuFile ? ['--import', join(root, 'scripts/test-cpu.js')] : [];
    const start = performance.now();
    // uvu walks one folder and matches paths below it: every file of a group is in the same one.
    const dir = group[0].split('/')[0];
    const below = group.map((f) => escapeRegExp(f.slice(dir.length + 1)));
    const child = spawn(
      process.execPath,
      [...preload, '--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), dir, `^(${below.join('|')})$`],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, FORCE_COLOR: '0', ...(cpuFile && { BP_TEST_CPU_FILE: cpuFile }) },
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      const count = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? 0);
      const total = count('Total');
      const passed = count('Passed');
      const skipped = count('Skipped');
      let failed = Math.max(0, total - passed - skipped);
      if (code !== 0 && failed === 0) failed = 1; // crashed before or outside a test
      process.stdout.write(`${out.trimEnd()}\n`);
      if (cpuFile) {
        profiled.push({ file: label, wall: (performance.now() - start) / 1000, cpu: readCpu(cpuFile) });
        console.log(
          `# profile: ${profiled.at(-1).cpu.toFixed(1)} cpu ${profiled.at(-1).wall.toFixed(1)} wall  ${label}`,
        );
      }
      done({ file: label, passed, failed, skipped, out });
    });
  });
}

const queue = [...groups];
const totals = { passed: linted ? 1 : 0, failed: (compiled ? 0 : 1) + (linted ? 0 : 1), skipped: 0 };
const failures = [];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      const r = await runGroup(group);
      totals.passed += r.passed;
      totals.failed += r.failed;
      totals.skipped += r.skipped;
      if (r.failed > 0) failures.push(r);
    }
  }),
);
if (files.length === 0) totals.failed += 1;
// Failures again at the end, where a reader of the last lines (a CI log tail) sees them.
if (failures.length > 0) {
  console.log(`\n${'='.repeat(30)} failed: ${failures.map((f) => f.file).join(', ')}`);
  for (const f of failures) {
    const lines = f.out.trimEnd().split('\n');
    console.log(`--- ${f.file} (${f.failed} failed; last lines of its output)\n${lines.slice(-60).join('\n')}`);
  }
}
if (profile) {
  rmSync(profile, { recursive: true, force: true });
  const sorted = profiled.sort((a, b) => b.cpu - a.cpu);
  const sum = (key) => profiled.reduce((n, p) => n + (Number.isNaN(p[key]) ? 0 : p[key]), 0);
  console.log(`\n${'='.repeat(30)} profile: CPU and wall seconds per file, most CPU first`);
  for (const p of sorted.slice(0, Number(process.env.TEST_PROFILE_TOP) || 25))
    console.log(`${p.cpu.toFixed(1).padStart(7)} cpu ${p.wall.toFixed(1).padStart(7)} wall  ${p.file}`);
  console.log(
    `${sum('cpu').toFixed(1).padStart(7)} cpu ${sum('wall').toFixed(1).padStart(7)} wall  total of ${profiled.length} (wall summed over files)`,
  );
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
