// The last commit that changed each of a set of files, from ONE first-parent `git log` walk,
// newest first: the first sighting of a path is its last change. The walk stops (the git process
// is ended) as soon as every path has been seen.
import type { CommitInfo } from '../types.js';
import { streamGit } from '../io/git.js';

const FORMAT = '--format=%x01%H%x02%aI%x02%an%x02%ae';
const HEADER = /^\u0001([0-9a-f]{40}|[0-9a-f]{64})\u0002([^\u0002]*)\u0002([\s\S]*)\u0002([^\u0002]*)$/;

function logArgs(commit: string): string[] {
  return [
    '-c', 'log.showRoot=true', '-c', 'log.showSignature=false', '-c', 'diff.renames=false',
    'log', '-z', '--first-parent', '-m', '--no-renames', '--name-only', '--no-color', FORMAT, commit, '--',
  ];
}

/** Maps each of `paths` to the last commit on `commit`'s first-parent history that changed it. */
export async function findLastCommits(repo: string, commit: string, paths: readonly string[]): Promise<Map<string, CommitInfo>> {
  const wanted = new Set(paths);
  const found = new Map<string, CommitInfo>();
  if (wanted.size === 0) return found;
  let current: CommitInfo | undefined;
  let rest: Buffer = Buffer.alloc(0);
  const onToken = (token: string) => {
    const header = HEADER.exec(token);
    if (header) {
      current = { sha: header[1] as string, date: header[2] as string, author: header[3] as string, email: header[4] as string };
      return;
    }
    const path = token.startsWith('\n') ? token.slice(1) : token;
    if (current && wanted.has(path) && !found.has(path)) found.set(path, current);
  };
  await streamGit(repo, logArgs(commit), (chunk) => {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nul = buf.indexOf(0, start); nul >= 0; nul = buf.indexOf(0, start)) {
      onToken(buf.toString('utf8', start, nul));
      start = nul + 1;
      if (found.size === wanted.size) return false;
    }
    rest = Buffer.from(buf.subarray(start));
    return true;
  });
  return found;
}
