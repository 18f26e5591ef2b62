// Where a command run with no --repo, --dir or --config works from: the folder it was started in,
// unless that is inside a git working tree and holds no config file, as git itself finds the
// repository from a subfolder. Then the config, output and cache are the root's, as if run there.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findConfigFile } from './config-file.js';
import { gitEnv } from './git.js';

export function projectRoot(cwd: string, explicit: boolean): string {
  if (explicit || findConfigFile(cwd)) return cwd;
  const r = spawnSync('git', ['-C', cwd, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', env: gitEnv() });
  const top = r.status === 0 ? r.stdout.trim() : '';
  return top && resolve(top) !== resolve(cwd) ? top : cwd;
}
