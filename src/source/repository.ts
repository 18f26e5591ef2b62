// The repository that launch links open, from the config's `repository` value. Pure.
// Accepted: `owner/repo` (GitHub), `gh:owner/repo`, `gl:group/sub/project` (gitlab.com),
// `git:CLONE_URL`, or any clone URL (HTTPS, SSH, git://) that parseRemote understands.
import { BinderpressError } from '../io/errors.js';
import { parseRemote, type RepoSpec } from './remote.js';

export const ACCEPTED_REPOSITORIES =
  '`owner/repo` or `gh:owner/repo` (GitHub), `gl:group/project` (GitLab), `git:https://host/path.git` (any git server), or a clone URL such as git@github.com:owner/repo.git';

export function repositoryFromConfig(value: string): RepoSpec {
  const spec = parseRepository(value.trim());
  if (!spec) {
    throw new BinderpressError(`repository \`${value}\` is not understood`, { hint: `give ${ACCEPTED_REPOSITORIES}` });
  }
  return spec;
}

function parseRepository(value: string): RepoSpec | undefined {
  const prefixed = /^([a-z][a-z0-9+.-]*):(?!\/\/)(.+)$/i.exec(value);
  if (prefixed && !/^[\w.-]+@/.test(value) && !value.includes('@')) {
    const provider = (prefixed[1] as string).toLowerCase();
    const rest = prefixed[2] as string;
    if (provider === 'gh') return ownerRepo(rest);
    if (provider === 'gl') {
      const namespace = rest.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
      return /^[\w.-]+(\/[\w.-]+)+$/.test(namespace) ? { provider: 'gl', host: 'gitlab.com', namespace } : undefined;
    }
    if (provider === 'git')
      return /^(https?|git|ssh):\/\//i.test(rest) || /^[\w.-]+@[\w.-]+:/.test(rest)
        ? { provider: 'git', url: rest }
        : undefined;
    throw new BinderpressError(`repository \`${value}\` names an unknown provider \`${provider}\``, {
      hint: `the providers are gh (GitHub), gl (GitLab) and git (any git URL); give ${ACCEPTED_REPOSITORIES}`,
    });
  }
  return ownerRepo(value) ?? parseRemote(value);
}

function ownerRepo(value: string): RepoSpec | undefined {
  const short = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  return short
    ? { provider: 'gh', owner: short[1] as string, repo: (short[2] as string).replace(/\.git$/, '') }
    : undefined;
}
