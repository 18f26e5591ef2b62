// The environment files of a branch that is not being built: the environment branch that
// `binder.environment` names, read from git at its tip (the local branch, else `origin`'s), as a
// build's own files are (see pipeline/read-sources.ts).
import { openBlobReader, runGit, type BlobReader } from '../io/git.js';
import type { BranchRef, Diagnostic, SourceFile } from '../types.js';
import { listBranches, SOURCE_REMOTE } from './branches.js';
import { readBranch } from './read-branch.js';

export interface EnvironmentBranch {
  readonly branch: BranchRef;
  readonly envFiles: readonly SourceFile[];
  readonly paths: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A reader that answers every request with no bytes: `readBranch` then lists without reading. */
const DEFERRED: BlobReader = { read: async () => new Uint8Array(0), close: () => {} };

/** The name of the default branch: the one `origin/HEAD` names (a clone), else the one HEAD names. */
async function defaultBranchName(repo: string): Promise<string | undefined> {
  const remote = await runGit(repo, ['symbolic-ref', '-q', '--short', `refs/remotes/${SOURCE_REMOTE}/HEAD`], { allowFailure: true });
  const name = remote.stdout.toString('utf8').trim();
  if (remote.code === 0 && name.startsWith(`${SOURCE_REMOTE}/`)) return name.slice(SOURCE_REMOTE.length + 1);
  const head = await runGit(repo, ['symbolic-ref', '-q', '--short', 'HEAD'], { allowFailure: true });
  return head.code === 0 ? head.stdout.toString('utf8').trim() || undefined : undefined;
}

/** Branch `name` of `repo` (`HEAD`: the default branch) with its environment files, or undefined when there is no such branch. */
export async function readEnvironmentBranch(repo: string, name: string): Promise<EnvironmentBranch | undefined> {
  const branches = await listBranches(repo).catch(() => undefined);
  const wanted = name === 'HEAD' ? await defaultBranchName(repo) : name;
  const branch = branches?.find((b) => b.name === wanted);
  if (!branch) return undefined;
  const listed = await readBranch(repo, branch, DEFERRED);
  const blobs = openBlobReader(repo);
  try {
    const envFiles = await Promise.all(listed.envFiles.map(async (f) => ({ ...f, bytes: await blobs.read(f.blob) })));
    return { branch, envFiles, paths: listed.paths, diagnostics: listed.diagnostics };
  } finally {
    blobs.close();
  }
}

/** Each branch of `names` read once (undefined: not in the repository), by name. */
export async function readEnvironmentBranches(repo: string, names: Iterable<string>): Promise<Map<string, EnvironmentBranch | undefined>> {
  const read = new Map<string, EnvironmentBranch | undefined>();
  for (const name of new Set(names)) read.set(name, await readEnvironmentBranch(repo, name));
  return read;
}
