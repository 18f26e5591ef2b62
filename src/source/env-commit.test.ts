import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo } from '../../test/support/git-repo.js';
import { envCommitOf } from './env-commit.js';

test('envCommitOf: the last commit that added, changed or deleted an environment file', async () => {
  const repo = makeRepo();
  try {
    const both = repo.commit(
      'main',
      { 'environment.yml': 'dependencies: [numpy]\n', 'requirements.txt': 'numpy\n', 'a.ipynb': '{}' },
      'both',
    );
    repo.git('rm', '-q', 'environment.yml');
    repo.git('commit', '-q', '-m', 'drop environment.yml');
    const deletion = repo.git('rev-parse', 'HEAD').trim();
    assert.is.not(deletion, both);
    const later = repo.commit('main', { 'b.ipynb': '{}' }, 'notebooks only');
    assert.is(
      await envCommitOf(repo.dir, later, ['requirements.txt']),
      deletion,
      'the deletion changed the environment',
    );
    const binder = repo.commit('main', { 'binder/apt.txt': 'git\n' }, 'a binder folder');
    repo.commit('main', { 'c.ipynb': '{}' }, 'more notebooks');
    assert.is(await envCommitOf(repo.dir, 'main', ['binder/apt.txt']), binder);
    assert.is(await envCommitOf(repo.dir, 'main', []), undefined, 'no environment files: the default image');
  } finally {
    repo.remove();
  }
});

test.run();
