// Test support: counting the git processes a piece of code starts, a count that does not depend on
// the machine's speed (where a timed test would).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `fn` with a `git` first on PATH that logs each run and hands over to the real git: the
 * arguments of each git process started, in order.
 */
export async function countingGitRuns<T>(fn: () => Promise<T>): Promise<{ result: T; runs: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bp-git-count-'));
  const log = join(dir, 'runs.log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, {
    mode: 0o755,
  });
  const saved = process.env.PATH;
  process.env.PATH = `${dir}:${saved}`;
  try {
    const result = await fn();
    return { result, runs: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
  } finally {
    process.env.PATH = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}
