// Publishing a site folder as a commit on a branch (gh-pages), with git plumbing only: blobs by
// `hash-object`, trees by `mktree`, a commit by `commit-tree`, and the branch moved by `update-ref`
// against the value read before, so a concurrent publish is refused instead of overwritten. Never
// touches the working tree, the index, HEAD or the checked-out branch. The previous site stays
// reachable as the parent commit.
import { BinderpressError } from './errors.js';
import { gitInput, listTree, readSiteFolder, writeTree, type SiteTree, type TreeEntry } from './publish-tree.js';
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
  /** Refuse a site with fewer than this share of the published site's files (default 0.5). */
  readonly minRatio?: number;
  /** Publish even a much smaller site. */
  readonly force?: boolean;
  /** Author and committer date (the newest source commit's), so equal inputs make equal commits. */
  readonly date?: string;
}

export interface PublishResult {
  /** The branch tip after publishing (the previous one when nothing changed). */
  readonly commit: string | null;
  readonly previous: string | null;
  readonly changed: boolean;
  /** Files in the published tree (kept files and `.nojekyll` included). */
  readonly files: number;
}

const short = (sha: string | null) => (sha ? sha.slice(0, 7) : 'nothing');

export async function publishSite(opts: PublishOptions): Promise<PublishResult> {
  const { repo, branch } = opts;
  await checkTarget(repo, branch);
  const previous = opts.expectedOld !== undefined ? opts.expectedOld : await readBranchTip(repo, branch);
  const old = previous ? await listTree(repo, previous) : undefined;
  const site = await readSiteFolder(repo, opts.siteDir);
  mergeKept(site, old?.entries ?? new Map(), ['CNAME', ...opts.keep]);
  await site.ensureFile('.nojekyll', new Uint8Array());
  const tree = await writeTree(repo, site.root);
  const files = site.countFiles(old?.entries ?? new Map());
  if (previous && old && tree === old.tree) {
    await expectTip(repo, branch, previous);
    return { commit: previous, previous, changed: false, files };
  }
  const minRatio = opts.minRatio ?? 0.5;
  if (previous && old && !opts.force && files < minRatio * old.files) {
    throw new BinderpressError(
      `refusing to publish to ${branch}: the new site has ${files} files, the published one (${short(previous)}) has ${old.files}, and at least ${Math.ceil(minRatio * old.files)} are expected`,
      { hint: 'a site that lost most of its pages is usually a mistake (wrong --branches, an empty checkout); check the output folder, then pass --force to publish it anyway', code: 1 },
    );
  }
  const commit = await commitTree(repo, tree, previous, opts);
  await updateBranch(repo, branch, commit, previous);
  return { commit, previous, changed: true, files };
}

/** The commit `refs/heads/{branch}` points at, or null when there is no such branch. */
export async function readBranchTip(repo: string, branch: string): Promise<string | null> {
  const r = await runGit(repo, ['rev-parse', '-q', '--verify', `refs/heads/${branch}^{commit}`], { allowFailure: true });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** A valid branch name that no worktree has checked out (moving it would change that worktree's files). */
async function checkTarget(repo: string, branch: string): Promise<void> {
  const valid = !branch.startsWith('-') && (await runGit(repo, ['check-ref-format', `refs/heads/${branch}`], { allowFailure: true })).code === 0;
  if (!valid) throw new BinderpressError(`${JSON.stringify(branch)} is not a valid branch name to publish to`, { hint: 'pass --branch NAME, e.g. --branch gh-pages' });
  const list = await runGit(repo, ['worktree', 'list', '--porcelain', '-z'], { allowFailure: true }); // every worktree (git ≥ 2.36)
  const head = await runGit(repo, ['symbolic-ref', '-q', 'HEAD'], { allowFailure: true }); // this one, on any git
  const checkedOut = list.stdout.toString('utf8').split('\0').includes(`branch refs/heads/${branch}`) || head.stdout.toString('utf8').trim() === `refs/heads/${branch}`;
  if (checkedOut) {
    throw new BinderpressError(`refusing to publish to ${branch}: it is checked out in a working tree of ${repo}`, {
      hint: `switch that working tree to another branch (git switch main), or publish to another branch with --branch`,
    });
  }
}

function concurrent(branch: string, expected: string | null, now: string | null): BinderpressError {
  return new BinderpressError(`refusing to publish to ${branch}: it moved from ${short(expected)} to ${short(now)} while this site was built`, {
    hint: 'another publish ran at the same time; nothing was changed. Run publish again to publish on top of it',
    code: 1,
  });
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
      throw new BinderpressError(`--keep ${JSON.stringify(raw)} is not a path inside the site`, { hint: 'give paths relative to the site root, e.g. --keep CNAME googleabc.html old/' });
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
  return { name: (await get('user.name')) || 'binderpress', email: (await get('user.email')) || 'binderpress@localhost' };
}

async function commitTree(repo: string, tree: string, parent: string | null, opts: PublishOptions): Promise<string> {
  if (opts.date !== undefined && Number.isNaN(Date.parse(opts.date))) {
    throw new BinderpressError(`publish date ${JSON.stringify(opts.date)} is not a date`, { hint: 'pass an ISO 8601 date such as 2026-01-05T10:00:00+00:00' });
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

/** `git push REMOTE refs/heads/B:refs/heads/B`, never forced. */
export async function pushBranch(repo: string, remote: string, branch: string): Promise<void> {
  if (remote === '' || remote.startsWith('-')) {
    throw new BinderpressError(`${JSON.stringify(remote)} is not a remote to push to`, { hint: 'pass --push with a remote name such as origin, or a URL' });
  }
  const ref = `refs/heads/${branch}`;
  const r = await runGit(repo, ['push', remote, `${ref}:${ref}`], { allowFailure: true });
  if (r.code === 0) return;
  const detail = r.stderr.trim();
  if (/\[rejected\]|non-fast-forward|fetch first/.test(detail)) {
    throw new BinderpressError(`${remote} refused ${branch}: it has commits this repository does not (published from elsewhere)`, {
      hint: `binderpress never force-pushes. Fetch them (git fetch ${remote} ${branch}:${branch}), then publish again`,
      code: 1,
    });
  }
  const line = detail.split('\n').find((l) => /fatal|error/i.test(l)) ?? detail.split('\n')[0] ?? '';
  throw new BinderpressError(`cannot push ${branch} to ${remote}: ${line}`, {
    hint: `check the remote (git remote -v) and that you may push to it: git push ${remote} ${branch}`,
  });
}

/** Which of `branches` hold a published site (a `.binderpress-site` file at their root). */
export async function findSiteBranches(repo: string, branches: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const usable = branches.filter((b) => !/[\r\n]/.test(b));
  if (usable.length === 0) return found;
  const out = await gitInput(repo, ['cat-file', '--batch-check=%(objecttype)'], usable.map((b) => `refs/heads/${b}:${SITE_MARKER}\n`).join(''));
  out.split('\n').forEach((line, i) => {
    if (line === 'blob') found.add(usable[i] as string);
  });
  return found;
}
