// The last commit that changed a build's environment files: launching the environment there lets
// BinderHub reuse the image it already built, however often the notebooks change (the content is
// pulled in from the branch: see site/env-commit-launch.ts).
import { runGit } from '../io/git.js';

export async function envCommitOf(repo: string, commit: string, envPaths: readonly string[]): Promise<string | undefined> {
  if (envPaths.length === 0) return undefined;
  const { stdout } = await runGit(repo, ['log', '-1', '--format=%H', commit, '--', ...envPaths]);
  return stdout.toString('utf8').trim() || undefined;
}
