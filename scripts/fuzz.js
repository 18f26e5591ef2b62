#!/usr/bin/env node
// `npm run fuzz -- --seed N --runs M --time S --ops a,b`: structure-aware fuzzing of the real CLI
// on real git repositories (see test/support/fuzz/). Compiles first: the fuzzer drives dist/.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(2);
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'test/support/fuzz/cli.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exitCode = run.status ?? 2;
