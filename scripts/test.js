#!/usr/bin/env node
// Runs the whole test suite: compile (the integration tests drive the real CLI from dist/),
// then every `src/**/*.test.ts` with uvu, then prints `N passed, N failed` from uvu's counts.
// Usage: npm test [-- PATTERN]   (PATTERN: a regex on test file paths, default `\.test\.ts$`)
import { spawnSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensurePackages } from './test-deps.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pattern = process.argv[2] ?? '\\.test\\.ts$';

// The suite reads feeds with Debian's feedparser, validates with jing and xmllint, opens pages in
// chromium and executes notebooks with nbclient: bring those packages first (as root), else say how.
const deps = ensurePackages();
if (deps.missing.length > 0) {
  console.error(`The tests need Debian packages that are not installed: ${deps.missing.join(' ')}\nInstall them with:\n  ${deps.command}`);
  if (process.argv[2] === undefined) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.error('Running the selected tests anyway; those that need these packages will fail.');
}

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
const compiled = tsc.status === 0;
if (!compiled) console.error('TypeScript compile failed (see above); running the tests anyway.');

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), 'src', pattern], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0' },
});
let out = '';
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const count = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? 0);
  const total = count('Total');
  const passed = count('Passed');
  const skipped = count('Skipped');
  let failed = Math.max(0, total - passed - skipped);
  if (code !== 0 && failed === 0) failed = 1; // crashed before or outside a test
  if (!compiled) failed += 1;
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed > 0 ? 1 : 0;
});
