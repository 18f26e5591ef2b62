// Reading `git log -z` output as a stream of NUL-separated tokens: commit headers written with
// `COMMIT_FORMAT`, then whatever the diff options print (paths, `--raw` lines), each its own token.
import type { CommitInfo } from '../types.js';
import { streamGit } from '../io/git.js';

/** `git log` format of a commit header token: `\x01sha\x02date\x02author\x02email`. */
export const COMMIT_FORMAT = '--format=%x01%H%x02%aI%x02%an%x02%ae';
const HEADER = /^\u0001([0-9a-f]{40}|[0-9a-f]{64})\u0002([^\u0002]*)\u0002([\s\S]*)\u0002([^\u0002]*)$/;

/** The commit a header token names, or undefined for any other token. */
export function commitHeader(token: string): CommitInfo | undefined {
  const header = HEADER.exec(token);
  return header
    ? { sha: header[1] as string, date: header[2] as string, author: header[3] as string, email: header[4] as string }
    : undefined;
}

/**
 * Runs `git log -z …` and hands each token, without the newline git puts before the first token
 * after a header, to `onToken`; returning `false` ends the walk (and the git process).
 */
export async function streamLogTokens(
  repo: string,
  args: readonly string[],
  onToken: (token: string) => unknown,
): Promise<void> {
  let rest: Buffer = Buffer.alloc(0);
  await streamGit(repo, args, (chunk) => {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nul = buf.indexOf(0, start); nul >= 0; nul = buf.indexOf(0, start)) {
      const token = buf.toString('utf8', start, nul);
      start = nul + 1;
      if (onToken(token.startsWith('\n') ? token.slice(1) : token) === false) return false;
    }
    rest = Buffer.from(buf.subarray(start));
    return true;
  });
}
