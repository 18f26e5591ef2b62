// The environment files of a branch that is not being built: the environment branch that
// `binder.environment` names, read from git at its tip (the local branch, else `origin`'s), as a
// build's own files are (see pipeline/read-sources.ts).
import { openBlobReader, type BlobReader } from '../io/git.js';
import type { BranchRef, Diagnostic, SourceFile } from '../types.js';
import { defaultBranch, listBranches } from './branches.js';
import { readBranch } from './read-branch.js';

export interface EnvironmentBranch {
  readonly branch: BranchRef;
  readonly envFiles: readonly SourceFile[];
  readonly paths: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A reader that answers every request with no bytes: `readBranch` then lists without reading. */
const DEFERRED: BlobReader = { read: async () => new Uint8Array(0), close: () => {} };

/** Branch `name` of `repo` (`HEAD`: the default branch) with its environment files, or undefined when there is no such branch. */
async function readEnvironmentBranch(repo: string, name: string): Promise<EnvironmentBranch | undefined> {
  const branches = await listBranches(repo).catch(() => undefined);
  const wanted = name === 'HEAD' ? (await defaultBranch(repo).catch(() => undefined))?.name : name;
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
export async function readEnvironmentBranches(
  repo: string,
  names: Iterable<string>,
): Promise<Map<string, EnvironmentBranch | undefined>> {
  const read = new Map<string, EnvironmentBranch | undefined>();
  for (const name of new Set(names)) read.set(name, await readEnvironmentBranch(repo, name));
  return read;
}
