// Publishing a site folder as a commit on a branch (gh-pages), with git plumbing only: blobs by
// `hash-object`, trees by `mktree`, a commit by `commit-tree`, and the branch moved by `update-ref`
// against the value read before, so a concurrent publish is refused instead of overwritten. Never
// touches the working tree, the index, HEAD or the checked-out branch. The previous site stays
// reachable as the parent commit. A publish that would take builds away from the published site
// is refused and names them (see published-builds.ts).
import { BinderpressError, EXIT } from './errors.js';
import { gitInput, listTree, readSiteFolder, writeTree, type SiteTree, type TreeEntry } from './publish-tree.js';
import { lostBuilds, lostBuildsError, publishedBuilds } from './published-builds.js';
import { runGit } from './git.js';
import { SITE_MARKER } from './write-site.js';

export interface PublishOptions {
  readonly repo: string;
  readonly siteDir: string;
  readonly branch: string;
  /** Paths (files or folders) kept from the published site when the new one lacks them; `CNAME` always is. */
  readonly keep: readonly string[];
  readonly message: string;
  /** The branch tip read before the build (`null`: no branch yet). Default: read it now. */
  readonly expectedOld?: string | null;
  /**
   * The published site to build on when the branch does not exist here: the remote's copy
   * (`refs/remotes/origin/gh-pages` in a fresh clone), so the push is a fast-forward.
   */
  readonly base?: string | null;
  /** Publish even when builds of the published site would go. */
  readonly force?: boolean;
  /** Build folders (names or globs) that may leave the site without --force. */
  readonly allowRemove?: readonly string[];
  /** Author and committer date (the newest source commit's), so equal inputs make equal commits. */
  readonly date?: string;
}

export interface PublishResult {
  /** The branch tip after publishing (the previous one when nothing changed). */
  readonly commit: string | null;
  /** The previous site: the branch tip, or the remote's copy it was built on; null for a first site. */
  readonly previous: string | null;
  readonly changed: boolean;
  /** Files in the published tree (kept files and `.nojekyll` included). */
  readonly files: number;
  /** Builds of the previous site that this one removed (allowed by `allowRemove` or --force). */
  readonly removed: readonly string[];
}

const short = (sha: string | null) => (sha ? sha.slice(0, 7) : 'nothing');

export async function publishSite(opts: PublishOptions): Promise<PublishResult> {
  const { repo, branch } = opts;
  await checkTarget(repo, branch);
  const tip = opts.expectedOld !== undefined ? opts.expectedOld : await readBranchTip(repo, branch);
  const previous = tip ?? opts.base ?? null;
  const old = previous ? await listTree(repo, previous) : undefined;
  const site = await readSiteFolder(repo, opts.siteDir);
  mergeKept(site, old?.entries ?? new Map(), ['CNAME', ...opts.keep]);
  await site.ensureFile('.nojekyll', new Uint8Array());
  const tree = await writeTree(repo, site.root);
  const files = site.countFiles(old?.entries ?? new Map());
  if (previous && old && tree === old.tree) {
    // Nothing to commit; without a local branch yet, it starts at the remote's copy.
    if (tip) await expectTip(repo, branch, tip);
    else await updateBranch(repo, branch, previous, null);
    return { commit: previous, previous, changed: false, files, removed: [] };
  }
  // The guard counts builds, not files: a count let through a site that had lost every build
  // but one while half the files remained, and refused builds that legitimately shrank. Pages
  // within a build come and go with their branch's commits.
  let removed: readonly string[] = [];
  if (previous && old) {
    const lost = lostBuilds(
      await publishedBuilds(repo, old.entries),
      new Set(site.root.keys()),
      opts.allowRemove ?? [],
      opts.force ?? false,
    );
    if (lost.refused.length > 0) throw lostBuildsError(branch, previous, lost.refused);
    removed = lost.allowed;
  }
  const commit = await commitTree(repo, tree, previous, opts);
  await updateBranch(repo, branch, commit, tip);
  return { commit, previous, changed: true, files, removed };
}

/** `refs/remotes/{remote}/{branch}`: the remote's copy of the site as last fetched, or null. */
export async function readRemoteTip(repo: string, remote: string, branch: string): Promise<string | null> {
  if (!/^[\w.-]+$/.test(remote)) return null; // a URL or path has no remote-tracking branches
  const r = await runGit(repo, ['rev-parse', '-q', '--verify', `refs/remotes/${remote}/${branch}^{commit}`], {
    allowFailure: true,
  });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** The commit `refs/heads/{branch}` points at, or null when there is no such branch. */
export async function readBranchTip(repo: string, branch: string): Promise<string | null> {
  const r = await runGit(repo, ['rev-parse', '-q', '--verify', `refs/heads/${branch}^{commit}`], {
    allowFailure: true,
  });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** A valid branch name that no worktree has checked out (moving it would change that worktree's files). */
async function checkTarget(repo: string, branch: string): Promise<void> {
  const valid =
    !branch.startsWith('-') &&
    (await runGit(repo, ['check-ref-format', `refs/heads/${branch}`], { allowFailure: true })).code === 0;
  if (!valid)
    throw new BinderpressError(`${JSON.stringify(branch)} is not a valid branch name to publish to`, {
      hint: 'pass --branch NAME, e.g. --branch gh-pages',
    });
  const list = await runGit(repo, ['worktree', 'list', '--porcelain', '-z'], { allowFailure: true }); // every worktree (git ≥ 2.36)
  const head = await runGit(repo, ['symbolic-ref', '-q', 'HEAD'], { allowFailure: true }); // this one, on any git
  const checkedOut =
    list.stdout.toString('utf8').split('\0').includes(`branch refs/heads/${branch}`) ||
    head.stdout.toString('utf8').trim() === `refs/heads/${branch}`;
  if (checkedOut) {
    throw new BinderpressError(`refusing to publish to ${branch}: it is checked out in a working tree of ${repo}`, {
      hint: `switch that working tree to another branch (git switch main), or publish to another branch with --branch`,
    });
  }
}

function concurrent(branch: string, expected: string | null, now: string | null): BinderpressError {
  return new BinderpressError(
    `refusing to publish to ${branch}: it moved from ${short(expected)} to ${short(now)} while this site was built`,
    {
      hint: 'another publish ran at the same time; nothing was changed. Run publish again to publish on top of it',
      code: EXIT.refused,
    },
  );
}

async function expectTip(repo: string, branch: string, expected: string | null): Promise<void> {
  const now = await readBranchTip(repo, branch);
  if (now !== expected) throw concurrent(branch, expected, now);
}

/** Copies each kept path from the previous tree when the new site lacks it. */
function mergeKept(site: SiteTree, old: ReadonlyMap<string, TreeEntry>, keep: readonly string[]): void {
  for (const raw of keep) {
    const segments = raw.split('/').filter((s) => s !== '');
    if (segments.length === 0 || segments.some((s) => s === '.' || s === '..' || s.toLowerCase() === '.git')) {
      throw new BinderpressError(`--keep ${JSON.stringify(raw)} is not a path inside the site`, {
        hint: 'give paths relative to the site root, e.g. --keep CNAME googleabc.html old/',
      });
    }
    const entry = old.get(segments.join('/'));
    if (entry && (entry.type === 'blob' || entry.type === 'tree')) site.keepEntry(segments, entry);
  }
}

async function identity(repo: string): Promise<{ name: string; email: string }> {
  const get = async (key: string) => {
    const r = await runGit(repo, ['config', '--get', key], { allowFailure: true });
    return r.code === 0 ? r.stdout.toString('utf8').trim() : '';
  };
  return {
    name: (await get('user.name')) || 'binderpress',
    email: (await get('user.email')) || 'binderpress@localhost',
  };
}

async function commitTree(repo: string, tree: string, parent: string | null, opts: PublishOptions): Promise<string> {
  if (opts.date !== undefined && Number.isNaN(Date.parse(opts.date))) {
    throw new BinderpressError(`publish date ${JSON.stringify(opts.date)} is not a date`, {
      hint: 'pass an ISO 8601 date such as 2026-01-05T10:00:00+00:00',
    });
  }
  const who = await identity(repo);
  const env: Record<string, string> = {
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    ...(opts.date ? { GIT_AUTHOR_DATE: opts.date, GIT_COMMITTER_DATE: opts.date } : {}),
  };
  const message = opts.message.endsWith('\n') ? opts.message : `${opts.message}\n`;
  const args = ['commit-tree', '--no-gpg-sign', tree, ...(parent ? ['-p', parent] : [])];
  return (await gitInput(repo, args, message, env)).trim();
}

async function updateBranch(repo: string, branch: string, commit: string, previous: string | null): Promise<void> {
  const old = previous ?? '0'.repeat(commit.length);
  const ref = `refs/heads/${branch}`;
  const r = await runGit(repo, ['update-ref', '-m', 'binderpress publish', ref, commit, old], { allowFailure: true });
  if (r.code === 0) return;
  const now = await readBranchTip(repo, branch);
  if (now !== previous) throw concurrent(branch, previous, now);
  throw new BinderpressError(`cannot move ${branch} to the new site: ${r.stderr.trim().split('\n')[0] ?? ''}`, {
    hint: `check that ${repo}/.git is writable and no other git command holds a lock on ${ref}`,
  });
}

/** An argument as a POSIX shell reads it back: bare when safe, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/** `git push REMOTE refs/heads/B:refs/heads/B`, never forced. */
export async function pushBranch(repo: string, remote: string, branch: string): Promise<void> {
  if (remote === '' || remote.startsWith('-')) {
    throw new BinderpressError(`${JSON.stringify(remote)} is not a remote to push to`, {
      hint: 'pass --push with a remote name such as origin, or a URL',
    });
  }
  const ref = `refs/heads/${branch}`;
  const r = await runGit(repo, ['push', remote, `${ref}:${ref}`], { allowFailure: true });
  if (r.code === 0) return;
  const detail = r.stderr.trim();
  if (/\[rejected\]|non-fast-forward|fetch first/.test(detail)) {
    // The local branch holds our new commit, so a plain `fetch R B:B` is refused as a non-fast-
    // forward too: `+` replaces it with the remote's site, and the next publish builds on that.
    const [R, B] = [shellWord(remote), shellWord(branch)];
    throw new BinderpressError(
      `${remote} refused ${branch}: it has commits this repository does not (published from elsewhere); ${branch} is committed here but not pushed`,
      {
        hint:
          `binderpress never force-pushes. Take the remote's site, then publish again on top of it (builds it holds are kept or named):\n` +
          `  git fetch ${R} +${B}:${B}\n` +
          `To replace the remote's site with this one instead: git push ${R} +${B}:${B}`,
        code: EXIT.push,
      },
    );
  }
  const line = detail.split('\n').find((l) => /fatal|error/i.test(l)) ?? detail.split('\n')[0] ?? '';
  throw new BinderpressError(`cannot push ${branch} to ${remote}: ${line}`, {
    hint: `check the remote (git remote -v) and that you may push to it: git push ${shellWord(remote)} ${shellWord(branch)}`,
    code: EXIT.push,
  });
}

/** Which of `branches` hold a published site (a `.binderpress-site` file at the root of their tip). */
export async function findSiteBranches(
  repo: string,
  branches: readonly { readonly name: string; readonly commit: string }[],
): Promise<Set<string>> {
  const found = new Set<string>();
  if (branches.length === 0) return found;
  const out = await gitInput(
    repo,
    ['cat-file', '--batch-check=%(objecttype)'],
    branches.map((b) => `${b.commit}:${SITE_MARKER}\n`).join(''),
  );
  out.split('\n').forEach((line, i) => {
    if (line === 'blob') found.add((branches[i] as { name: string }).name);
  });
  return found;
}
