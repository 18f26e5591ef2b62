// Discovering the builds of a git repository: its branches, and where it was cloned from. A
// branch is a local one or, when no local branch has its name, a remote-tracking one of `origin`:
// a fresh clone (or a CI checkout) has one local branch and all the others as `origin/*`, and
// builds the same site as a repository where every branch is local.
import type { BranchRef } from '../types.js';
import { BinderpressError } from '../io/errors.js';
import { runGit } from '../io/git.js';
import { SITE_MARKER } from '../io/write-site.js';
import { classifyPath } from './classify.js';
import { selectByPatterns } from './patterns.js';

const FIELDS = [
  '%(objectname)',
  '%(objecttype)',
  '%(refname)',
  '%(authordate:iso-strict)',
  '%(authorname)',
  '%(authoremail)',
];

/** Fails with a hint when `repo` is not (inside) a git repository. */
export async function ensureRepository(repo: string): Promise<void> {
  const result = await runGit(repo, ['rev-parse', '--git-dir'], { allowFailure: true }).catch((cause: unknown) => {
    throw new BinderpressError(`cannot run git in ${repo}`, {
      hint: 'install git and check that the folder exists',
      cause,
    });
  });
  if (result.code === 0) return;
  if (/dubious ownership/.test(result.stderr)) {
    throw new BinderpressError(`git refuses to read ${repo}: it is owned by another user`, {
      hint: `run: git config --global --add safe.directory ${repo}`,
    });
  }
  throw new BinderpressError(`not a git repository: ${repo}`, {
    hint: 'pass --repo DIR with a git repository, or --dir DIR to build plain folders of notebooks',
  });
}

function stripEmail(email: string): string {
  return email.startsWith('<') && email.endsWith('>') ? email.slice(1, -1) : email;
}

/** The remote whose branches are builds too (the one launch links and the site address come from). */
export const SOURCE_REMOTE = 'origin';

function parseRefLine(line: string, remote: string): { ref: BranchRef; local: boolean } | undefined {
  const [sha, type, refname, date, author, email] = line.split('\0');
  if (type !== 'commit' || !sha || !refname) return undefined;
  const remotePrefix = `refs/remotes/${remote}/`;
  const local = refname.startsWith('refs/heads/');
  const name = local
    ? refname.slice('refs/heads/'.length)
    : refname.startsWith(remotePrefix)
      ? refname.slice(remotePrefix.length)
      : undefined;
  // `origin/HEAD` names the remote's default branch, which is listed under its own name.
  if (!name || (!local && name === 'HEAD')) return undefined;
  const tip = { sha, date: date ?? '', author: author ?? '', email: stripEmail(email ?? '') };
  return { ref: { name, commit: sha, tip }, local };
}

/**
 * The branches of `repo` (all of them, or those matching `patterns`), sorted by name: local
 * branches, and the remote-tracking branches of `origin` that no local branch shadows (a local
 * branch wins, pushed or not). A repository without commits yields `[]` when no pattern is given.
 */
export async function listBranches(repo: string, patterns?: readonly string[]): Promise<BranchRef[]> {
  await ensureRepository(repo);
  const refs = ['refs/heads', `refs/remotes/${SOURCE_REMOTE}`];
  const { stdout } = await runGit(repo, ['for-each-ref', `--format=${FIELDS.join('%00')}`, ...refs]);
  const byName = new Map<string, BranchRef>();
  const remoteOnly = new Map<string, BranchRef>();
  for (const line of stdout.toString('utf8').split('\n')) {
    const found = line ? parseRefLine(line, SOURCE_REMOTE) : undefined;
    if (found) (found.local ? byName : remoteOnly).set(found.ref.name, found.ref);
  }
  for (const [name, ref] of remoteOnly) if (!byName.has(name)) byName.set(name, ref);
  const names = selectByPatterns([...byName.keys()], patterns, 'branch', repo);
  return names.map((name) => byName.get(name) as BranchRef);
}

/**
 * The repository's default branch: the one `origin/HEAD` names (a clone), else the one HEAD
 * names (`HEAD` when detached), with the commit that ref points at.
 */
export async function defaultBranch(repo: string): Promise<{ name: string; commit: string } | undefined> {
  for (const [ref, prefix] of [
    [`refs/remotes/${SOURCE_REMOTE}/HEAD`, `${SOURCE_REMOTE}/`],
    ['HEAD', ''],
  ] as const) {
    const commit = await runGit(repo, ['rev-parse', '-q', '--verify', `${ref}^{commit}`], { allowFailure: true });
    if (commit.code !== 0) continue;
    const name = (await runGit(repo, ['symbolic-ref', '-q', '--short', ref], { allowFailure: true })).stdout
      .toString('utf8')
      .trim();
    return {
      name: name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : 'HEAD',
      commit: commit.stdout.toString('utf8').trim(),
    };
  }
  return undefined;
}

/** `remote.origin.url`, or undefined when the repository has no `origin` remote. */
export async function readOriginUrl(repo: string): Promise<string | undefined> {
  const result = await runGit(repo, ['config', '--get', 'remote.origin.url'], { allowFailure: true });
  const url = result.stdout.toString('utf8').trim();
  return result.code === 0 && url ? url : undefined;
}

/**
 * The branches of `repo` that hold a notebook, sorted by name, to tell where notebooks are when a
 * selection has none. A published site (its marker at the root) holds notebooks only as
 * downloads, so it is not counted.
 */
export async function branchesWithNotebooks(repo: string): Promise<string[]> {
  const found: string[] = [];
  for (const branch of await listBranches(repo)) {
    const { stdout } = await runGit(repo, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', branch.commit]);
    const paths = stdout.toString('utf8').split('\0');
    if (!paths.includes(SITE_MARKER) && paths.some((p) => classifyPath(p) === 'notebook')) found.push(branch.name);
  }
  return found;
}
