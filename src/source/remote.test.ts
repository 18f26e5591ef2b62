import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRemote, type RepoSpec } from './remote.js';

const remotes = suite('parseRemote');

const gh = (owner: string, repo: string): RepoSpec => ({ provider: 'gh', owner, repo });
const gl = (host: string, namespace: string): RepoSpec => ({ provider: 'gl', host, namespace });
const git = (url: string): RepoSpec => ({ provider: 'git', url });

const CASES: [url: string, expected: RepoSpec | undefined][] = [
  ['https://github.com/octo/repo.git', gh('octo', 'repo')],
  ['https://github.com/octo/repo', gh('octo', 'repo')],
  ['https://github.com/octo/repo/', gh('octo', 'repo')],
  ['http://github.com/octo/repo.git', gh('octo', 'repo')],
  ['https://www.github.com/octo/repo', gh('octo', 'repo')],
  ['https://user@github.com/octo/repo.git', gh('octo', 'repo')],
  ['https://user:ghp_secret@github.com/octo/repo.git', gh('octo', 'repo')],
  ['https://GitHub.com/Octo/My.Repo.git', gh('Octo', 'My.Repo')],
  ['git@github.com:octo/repo.git', gh('octo', 'repo')],
  ['git@github.com:octo/repo', gh('octo', 'repo')],
  ['github.com:octo/repo.git', gh('octo', 'repo')],
  ['ssh://git@github.com/octo/repo', gh('octo', 'repo')],
  ['ssh://git@github.com:22/octo/repo.git', gh('octo', 'repo')],
  ['git+ssh://git@github.com/octo/repo.git', gh('octo', 'repo')],
  ['git://github.com/octo/repo.git', gh('octo', 'repo')],
  ['  https://github.com/octo/repo.git\n', gh('octo', 'repo')],
  ['https://github.com/octo', undefined],
  ['https://github.com/octo/repo/tree/main', undefined],
  ['https://gitlab.com/group/project.git', gl('gitlab.com', 'group/project')],
  ['https://gitlab.com/group/sub/project', gl('gitlab.com', 'group/sub/project')],
  ['git@gitlab.com:group/sub/deeper/project.git', gl('gitlab.com', 'group/sub/deeper/project')],
  ['ssh://git@gitlab.example.org:2222/team/proj.git', gl('gitlab.example.org', 'team/proj')],
  ['https://oauth2:token@gitlab.com/group/project.git', gl('gitlab.com', 'group/project')],
  ['https://GitLab.Company.com/a/b', gl('gitlab.company.com', 'a/b')],
  ['https://gitlab.com/onlygroup', undefined],
  ['https://codeberg.org/owner/repo.git', git('https://codeberg.org/owner/repo.git')],
  ['https://user:pw@codeberg.org/owner/repo.git', git('https://codeberg.org/owner/repo.git')],
  ['https://git.example.org:8443/repos/x.git', git('https://git.example.org:8443/repos/x.git')],
  ['git@codeberg.org:owner/repo.git', git('https://codeberg.org/owner/repo.git')],
  ['git@bitbucket.org:team/repo.git', git('https://bitbucket.org/team/repo.git')],
  ['git@git.sr.ht:~user/repo', git('https://git.sr.ht/~user/repo')],
  ['git://codeberg.org/owner/repo.git', git('https://codeberg.org/owner/repo.git')],
  ['git@git.internal.lan:team/repo.git', git('git@git.internal.lan:team/repo.git')],
  ['ssh://deploy@git.internal.lan/srv/repo.git', git('ssh://deploy@git.internal.lan/srv/repo.git')],
  ['ssh://deploy:secret@git.internal.lan/srv/repo.git', git('ssh://deploy@git.internal.lan/srv/repo.git')],
  ['/srv/git/repo.git', undefined],
  ['../repo', undefined],
  ['file:///srv/git/repo.git', undefined],
  ['C:\\repos\\x', undefined],
  ['', undefined],
  ['https://github.com/octo/re po', undefined],
];

for (const [url, expected] of CASES) {
  remotes(JSON.stringify(url), () => {
    assert.equal(parseRemote(url), expected);
  });
}

remotes.run();
