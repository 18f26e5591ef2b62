// The last commit that changed each of a set of files, from ONE first-parent `git log` walk,
// newest first: the first sighting of a path is its last change. The walk stops (the git process
// is ended) as soon as every path has been seen.
import type { CommitInfo } from '../types.js';
import { COMMIT_FORMAT, commitHeader, streamLogTokens } from './log-tokens.js';

function logArgs(commit: string): string[] {
  return [
    '-c',
    'log.showRoot=true',
    '-c',
    'log.showSignature=false',
    '-c',
    'diff.renames=false',
    'log',
    '-z',
    '--first-parent',
    '-m',
    '--no-renames',
    '--name-only',
    '--no-color',
    COMMIT_FORMAT,
    commit,
    '--',
  ];
}

/** Maps each of `paths` to the last commit on `commit`'s first-parent history that changed it. */
export async function findLastCommits(
  repo: string,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, CommitInfo>> {
  const wanted = new Set(paths);
  const found = new Map<string, CommitInfo>();
  if (wanted.size === 0) return found;
  let current: CommitInfo | undefined;
  await streamLogTokens(repo, logArgs(commit), (token) => {
    const header = commitHeader(token);
    if (header) current = header;
    else if (current && wanted.has(token) && !found.has(token)) found.set(token, current);
    return found.size < wanted.size;
  });
  return found;
}
