// The custom domain a site is served at: GitHub Pages serves a branch's site at the hostname its
// root `CNAME` file names. Looked for where `publish` commits (and keeps `CNAME`): the publish
// branch, or the remote's copy of it when there is no local branch yet (a fresh clone); then the
// root of the repository's default branch (a site deployed from it, or by a workflow).
import { runGit } from '../io/git.js';
import { readBranchTip, readRemoteTip } from '../io/publish.js';
import { defaultBranch, SOURCE_REMOTE } from './branches.js';

/** Where the site is published: the branch `publish` commits to and the remote it pushes to. */
export interface PublishTarget {
  readonly branch: string;
  readonly remote: string;
}

const DEFAULT_PUBLISH_TARGET: PublishTarget = { branch: 'gh-pages', remote: SOURCE_REMOTE };

export interface CnameFile {
  /** The branch it was read from, as a person names it (`gh-pages`, `origin/gh-pages`, `main`). */
  readonly where: string;
  /** Its text; none when it is too large to be a hostname (`size` then says how large). */
  readonly text?: string;
  readonly size: number;
}

/** A hostname is at most 253 characters: a larger file is not read. */
const MAX_CNAME_BYTES = 1024;

/** The published site's commit, as `publish` chooses it: the local branch, else the remote's copy. */
async function publishedCommit(
  repo: string,
  target: PublishTarget,
): Promise<{ where: string; commit: string } | undefined> {
  const local = await readBranchTip(repo, target.branch);
  if (local) return { where: target.branch, commit: local };
  const remote = await readRemoteTip(repo, target.remote, target.branch);
  return remote ? { where: `${target.remote}/${target.branch}`, commit: remote } : undefined;
}

/** The first `CNAME` file found, or undefined (none, or `repo` is not a git repository). */
export async function findCname(
  repo: string,
  target: PublishTarget = DEFAULT_PUBLISH_TARGET,
): Promise<CnameFile | undefined> {
  const inRepo = await runGit(repo, ['rev-parse', '--git-dir'], { allowFailure: true }).catch(() => undefined);
  if (inRepo?.code !== 0) return undefined;
  const fallback = await defaultBranch(repo);
  const candidates = [
    await publishedCommit(repo, target),
    fallback && { where: fallback.name, commit: fallback.commit },
  ];
  for (const c of candidates) {
    if (!c) continue;
    const size = await runGit(repo, ['cat-file', '-s', `${c.commit}:CNAME`], { allowFailure: true });
    const type = await runGit(repo, ['cat-file', '-t', `${c.commit}:CNAME`], { allowFailure: true });
    if (size.code !== 0 || type.stdout.toString('utf8').trim() !== 'blob') continue;
    const bytes = Number(size.stdout.toString('utf8').trim());
    if (bytes > MAX_CNAME_BYTES) return { where: c.where, size: bytes };
    const blob = await runGit(repo, ['cat-file', 'blob', `${c.commit}:CNAME`]);
    return { where: c.where, text: blob.stdout.toString('utf8'), size: bytes };
  }
  return undefined;
}
