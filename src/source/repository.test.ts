import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BinderpressError } from '../io/errors.js';
import { repositoryFromConfig } from './repository.js';

const cases: [string, unknown][] = [
  ['octo/course', { provider: 'gh', owner: 'octo', repo: 'course' }],
  ['gh:octo/course.git', { provider: 'gh', owner: 'octo', repo: 'course' }],
  ['gl:group/sub/project', { provider: 'gl', host: 'gitlab.com', namespace: 'group/sub/project' }],
  ['git:https://git.example.org/a/b.git', { provider: 'git', url: 'https://git.example.org/a/b.git' }],
  ['https://github.com/octo/course.git', { provider: 'gh', owner: 'octo', repo: 'course' }],
  ['git@github.com:octo/course.git', { provider: 'gh', owner: 'octo', repo: 'course' }],
  ['https://gitlab.com/group/sub/project.git', { provider: 'gl', host: 'gitlab.com', namespace: 'group/sub/project' }],
];

for (const [input, expected] of cases) {
  test(`repository ${input}`, () => {
    assert.equal(repositoryFromConfig(input), expected);
  });
}

test('an unknown provider is an error that lists the accepted ones', () => {
  try {
    repositoryFromConfig('bitbucket:team/repo');
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, BinderpressError);
    assert.match((error as Error).message, /unknown provider `bitbucket`/);
    assert.match((error as BinderpressError).hint ?? '', /gh \(GitHub\), gl \(GitLab\) and git/);
  }
});

test('a value that is no repository is an error saying what is accepted', () => {
  for (const bad of ['just-a-name', 'gl:noslash', 'git:not a url', '/srv/local/repo.git']) {
    assert.throws(
      () => repositoryFromConfig(bad),
      (e: unknown) => e instanceof BinderpressError && /owner\/repo/.test((e as BinderpressError).hint ?? ''),
      bad,
    );
  }
});

test.run();
