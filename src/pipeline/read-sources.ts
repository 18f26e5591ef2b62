// Stage 1 (edge): the builds to make, read from git branches or plain folders. Notebook and image
// bytes are not read here: each is read when it is needed (a cache miss, or writing the output),
// through one `git cat-file --batch` kept open until `close()`, so memory does not grow with the
// number of notebooks. Environment files are small and read at once.
import type { Config } from '../config.js';
import { runGit, openBlobReader, type BlobReader } from '../io/git.js';
import { listBranches, readOriginUrl } from '../source/branches.js';
import { readFolderBuilds, readWorktreeBuild } from '../source/folders.js';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { readBranch } from '../source/read-branch.js';
import { envCommitOf } from '../source/env-commit.js';
import { findEarlierVersions } from '../source/notebook-history.js';
import { parseRemote, type RepoSpec } from '../source/remote.js';
import { ACCEPTED_REPOSITORIES, repositoryFromConfig } from '../source/repository.js';
import type { CommitInfo, Diagnostic, SourceBuild, SourceFile } from '../types.js';

/** A file of a branch whose bytes are read on demand. */
export interface FileRef {
  readonly path: string;
  readonly blob: string;
  read(): Promise<Uint8Array>;
}

export interface NotebookRef extends FileRef {
  readonly branch: string;
  readonly lastCommit: CommitInfo;
}

/** A SourceBuild whose notebooks and images are read only when a stage needs their bytes. */
export interface LazyBuild extends Omit<SourceBuild, 'notebooks' | 'files'> {
  readonly notebooks: readonly NotebookRef[];
  readonly files: readonly FileRef[];
  readonly envCommit?: string;
  /**
   * Earlier versions of these notebooks on the branch, newest first, by path (each blob once, at
   * most `EARLIER_VERSIONS_LIMIT`): where a notebook that cannot be read at the tip is built from.
   * None for plain folders and the working tree, which have no history.
   */
  earlierVersions?(refs: readonly NotebookRef[]): Promise<Map<string, NotebookRef[]>>;
}

export interface Sources {
  readonly builds: readonly LazyBuild[];
  readonly repo?: RepoSpec;
  readonly plainFolders: boolean;
  /** Problems found while choosing the builds, outside any one build (a notebook in no `--dir` build). */
  readonly diagnostics: readonly Diagnostic[];
  /** The branch the repository's HEAD names (its default branch, or the one checked out), if any. */
  readonly headBranch?: string;
  /** Ends the git reader; reads after this fail. */
  close(): void;
}

/** A reader that answers every request with no bytes: `readBranch` then lists without reading. */
const DEFERRED: BlobReader = { read: async () => new Uint8Array(0), close: () => {} };

function inMemory(build: SourceBuild): LazyBuild {
  const ref = (f: SourceFile): FileRef => ({ path: f.path, blob: f.blob, read: async () => f.bytes });
  return {
    ...build,
    notebooks: build.notebooks.map((n) => ({ ...ref(n), branch: n.branch, lastCommit: n.lastCommit })),
    files: build.files.map(ref),
  };
}

export async function readSources(config: Config, log: (line: string) => void): Promise<Sources> {
  if (config.dir) {
    const folders = await readFolderBuilds(config.dir, config.branches, insideFolders(resolve(config.dir), config));
    const repo = config.repository ? repositoryFromConfig(config.repository) : undefined;
    return {
      builds: folders.builds.map(inMemory),
      plainFolders: true,
      diagnostics: folders.diagnostics,
      close: () => {},
      ...(repo ? { repo } : {}),
    };
  }
  const branches = await listBranches(config.repo, config.branches);
  log(`reading ${branches.length} branch${branches.length === 1 ? '' : 'es'} from ${config.repo}`);
  const repo = config.repository ? repositoryFromConfig(config.repository) : await originRepo(config.repo, log);
  const blobs = openBlobReader(config.repo);
  try {
    const wantEnvCommit =
      config.binder.ref === 'env-commit' || Object.values(config.builds).some((b) => b.binder?.ref === 'env-commit');
    const builds: LazyBuild[] = [];
    const head = await headBranch(config.repo);
    const current = config.worktree ? await checkedOutBranch(config.repo, head) : undefined;
    for (const branch of branches) {
      if (current && branch.name === current.name) {
        builds.push(inMemory(await readWorktreeBuild(current.root, branch, worktreeIgnores(current.root, config))));
        continue;
      }
      const listed = await readBranch(config.repo, branch, DEFERRED);
      const envFiles = await Promise.all(listed.envFiles.map(async (f) => ({ ...f, bytes: await blobs.read(f.blob) })));
      const toc = listed.toc ? { ...listed.toc, bytes: await blobs.read(listed.toc.blob) } : undefined;
      const build = { ...lazyBuild(config.repo, listed, envFiles, blobs), ...(toc ? { toc } : {}) };
      const envCommit = wantEnvCommit
        ? await envCommitOf(
            config.repo,
            branch.commit,
            envFiles.map((f) => f.path),
          )
        : undefined;
      builds.push(envCommit ? { ...build, envCommit } : build);
    }
    return {
      builds,
      plainFolders: false,
      diagnostics: [],
      close: () => blobs.close(),
      ...(repo ? { repo } : {}),
      ...(head ? { headBranch: head } : {}),
    };
  } catch (error) {
    blobs.close();
    throw error;
  }
}

function lazyBuild(repo: string, listed: SourceBuild, envFiles: SourceFile[], blobs: BlobReader): LazyBuild {
  const ref = (f: { path: string; blob: string }): FileRef => ({
    path: f.path,
    blob: f.blob,
    read: () => blobs.read(f.blob),
  });
  const { name, commit } = listed.branch;
  return {
    branch: listed.branch,
    notebooks: listed.notebooks.map((n) => ({ ...ref(n), branch: n.branch, lastCommit: n.lastCommit })),
    files: listed.files.map(ref),
    envFiles,
    paths: listed.paths,
    diagnostics: listed.diagnostics,
    async earlierVersions(refs) {
      const found = await findEarlierVersions(repo, commit, new Map(refs.map((r) => [r.path, r.blob])));
      return new Map(
        [...found].map(([path, versions]) => [
          path,
          versions.map((v) => ({ ...ref({ path, blob: v.blob }), branch: name, lastCommit: v.commit })),
        ]),
      );
    },
  };
}

/** The branch checked out in `repo`'s working tree (`head`), and the tree's root; none when detached. */
async function checkedOutBranch(
  repo: string,
  head: string | undefined,
): Promise<{ name: string; root: string } | undefined> {
  if (!head) return undefined;
  const root = await runGit(repo, ['rev-parse', '--show-toplevel'], { allowFailure: true });
  return root.code === 0 ? { name: head, root: root.stdout.toString('utf8').trim() } : undefined;
}

/** The branch HEAD names, in a bare repository (the default branch) as in a working tree; none when detached. */
async function headBranch(repo: string): Promise<string | undefined> {
  const head = await runGit(repo, ['symbolic-ref', '--short', '-q', 'HEAD'], { allowFailure: true });
  const name = head.stdout.toString('utf8').trim();
  return head.code === 0 && name ? name : undefined;
}

/** The output and cache folders, when they sit inside the working tree (or `--dir`), are not sources. */
function insideFolders(root: string, config: Config): string[] {
  return [config.out, config.cache || '']
    .filter(Boolean)
    .map((p) => relative(root, resolve(p)))
    .filter((rel) => rel !== '' && !rel.startsWith('..') && !isAbsolute(rel))
    .map((rel) => rel.split(sep).join('/'));
}

function worktreeIgnores(root: string, config: Config): string[] {
  return insideFolders(root, config).map((rel) => `${rel}/**`);
}

async function originRepo(repoDir: string, log: (line: string) => void): Promise<RepoSpec | undefined> {
  const url = await readOriginUrl(repoDir);
  const spec = url ? parseRemote(url) : undefined;
  if (url && !spec)
    log(
      `the origin remote ${url} is not a repository Binder can open: set \`repository:\` in binderpress.yml (${ACCEPTED_REPOSITORIES})`,
    );
  return spec;
}
