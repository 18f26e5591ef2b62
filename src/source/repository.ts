// The repository that launch links open, from the config's `repository` value. Pure.
import { BinderpressError } from '../io/errors.js';
import { parseRemote, type RepoSpec } from './remote.js';

/** `owner/repo` → GitHub; any clone URL → whatever `parseRemote` makes of it. */
export function repositoryFromConfig(value: string): RepoSpec {
  const short = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  const spec = short ? ({ provider: 'gh', owner: short[1] as string, repo: (short[2] as string).replace(/\.git$/, '') } as const) : parseRemote(value);
  if (!spec) {
    throw new BinderpressError(`repository \`${value}\` is not understood`, {
      hint: 'give `owner/repo` for GitHub, or a clone URL such as https://gitlab.com/group/project.git or git@github.com:owner/repo.git',
    });
  }
  return spec;
}
