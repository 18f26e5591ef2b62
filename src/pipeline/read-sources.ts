// Stage 1 (edge): the builds to make, read from git branches or plain folders.
import type { Config } from '../config.js';
import { openBlobReader } from '../io/git.js';
import { listBranches, readOriginUrl } from '../source/branches.js';
import { readFolderBuilds } from '../source/folders.js';
import { readBranch } from '../source/read-branch.js';
import { envCommitOf } from '../source/env-commit.js';
import { parseRemote, type RepoSpec } from '../source/remote.js';
import { repositoryFromConfig } from '../source/repository.js';
import type { SourceBuild } from '../types.js';

export interface Sources {
  readonly builds: readonly (SourceBuild & { readonly envCommit?: string })[];
  readonly repo?: RepoSpec;
  readonly plainFolders: boolean;
}

export async function readSources(config: Config, log: (line: string) => void): Promise<Sources> {
  if (config.dir) {
    const builds = await readFolderBuilds(config.dir, config.branches);
    const repo = config.repository ? repositoryFromConfig(config.repository) : undefined;
    return { builds, plainFolders: true, ...(repo ? { repo } : {}) };
  }
  const branches = await listBranches(config.repo, config.branches);
  log(`reading ${branches.length} branch${branches.length === 1 ? '' : 'es'} from ${config.repo}`);
  const repo = config.repository ? repositoryFromConfig(config.repository) : await originRepo(config.repo);
  const blobs = openBlobReader(config.repo);
  try {
    const builds = [];
    for (const branch of branches) {
      const build = await readBranch(config.repo, branch, blobs);
      const envCommit = config.binder.ref === 'env-commit' || Object.values(config.builds).some((b) => b.binder?.ref === 'env-commit')
        ? await envCommitOf(config.repo, branch.commit, build.envFiles.map((f) => f.path))
        : undefined;
      builds.push(envCommit ? { ...build, envCommit } : build);
    }
    return { builds, plainFolders: false, ...(repo ? { repo } : {}) };
  } finally {
    blobs.close();
  }
}

async function originRepo(repoDir: string): Promise<RepoSpec | undefined> {
  const url = await readOriginUrl(repoDir);
  return url ? parseRemote(url) : undefined;
}
