// The last commit that changed a build's environment files: launching the environment there lets
// BinderHub reuse the image it already built, however often the notebooks change (the content is
// pulled in from the branch: see site/env-commit-launch.ts).
import { runGit } from '../io/git.js';
import { ENV_FILE_NAMES } from './classify.js';

/** Every place repo2docker reads a file from: the root, `binder/` and `.binder/`. */
const ENV_PATHS = [...ENV_FILE_NAMES].flatMap((name) => [name, `binder/${name}`, `.binder/${name}`]);

/**
 * The last commit up to `commit` that added, changed or deleted an environment file, or undefined
 * when the build has none (`envPaths`, the files at `commit`: Binder's default image). Deletions
 * count: a file gone since (an `environment.yml` dropped for a `requirements.txt`) changed the
 * environment as much as an edit, though it is no longer among `envPaths`.
 */
export async function envCommitOf(
  repo: string,
  commit: string,
  envPaths: readonly string[],
): Promise<string | undefined> {
  if (envPaths.length === 0) return undefined;
  const { stdout } = await runGit(repo, ['log', '-1', '--format=%H', commit, '--', ...ENV_PATHS]);
  return stdout.toString('utf8').trim() || undefined;
}
