#!/usr/bin/env node
// Runs the test suite: compile (the integration tests drive the real CLI from dist/), then every
// `src/**/*.test.ts` (unit tests, beside their module) and `test/**/*.test.ts` (integration and
// bench tests) with uvu, one process per file, as many at once as there are cores (the slow
// integration files first, so the machine stays busy to the end), each file's output printed
// whole when it ends, then `N passed, N failed` from uvu's counts. Biome's format and lint check
// (`biome ci`, the same as `npm run lint`) runs first and counts as one test.
// Usage: npm test [-- PATTERN]   PATTERN: a regex on test file paths from the root, e.g. src/feeds/x.test.ts
//        npm run test:unit        the fast pure stages only (no test/integration/ files)
// TEST_JOBS=N sets how many files run at once.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
    console.error(`The tests need Debian packages that are not installed: ${deps.missing.join(' ')}\nInstall them with:\n  ${deps.command}`);
    if (!selected) {
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
    console.error('Running the selected tests anyway; those that need these packages will fail.');
  }
}

// A formatting or lint problem fails the run like a failed test, with Biome's report above.
const lint = spawnSync(process.execPath, [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'ci', '.'], { cwd: root, stdio: 'inherit' });
const linted = lint.status === 0;
if (!linted) console.error('Biome found formatting or lint problems (see above): `npm run format` fixes the formatting.');

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const compiled = tsc.status === 0;
if (!compiled) console.error('TypeScript compile failed (see above); running the tests anyway.');

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
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function runFile(file) {
  return new Promise((done) => {
    const [dir, ...rest] = file.split('/');
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), dir, `^${escapeRegExp(rest.join('/'))}$`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
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
      done({ file, passed, failed, skipped, out });
    });
  });
}

const jobs = Math.max(1, Number(process.env.TEST_JOBS) || availableParallelism());
const queue = [...files];
const totals = { passed: linted ? 1 : 0, failed: (compiled ? 0 : 1) + (linted ? 0 : 1), skipped: 0 };
const failures = [];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const r = await runFile(file);
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
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
