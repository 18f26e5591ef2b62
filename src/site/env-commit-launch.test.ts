import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveBinder, type BinderSettings } from '../config.js';
import { describeEnvironment } from '../source/environment.js';
import type { RepoSpec } from '../source/remote.js';
import { readLaunch } from '../../test/support/binder-url.js';
import { envCommitLaunch, envCommitNotice, installsNbgitpuller } from './env-commit-launch.js';
import { makeLaunchLinks } from './launch-links.js';

const GH: RepoSpec = { provider: 'gh', owner: 'octo', repo: 'notes' };
const TIP = 'a'.repeat(40);
const ENV = 'e'.repeat(40);

function env(files: Record<string, string>) {
  const list = Object.entries(files).map(([path, text]) => ({
    path,
    blob: '0',
    bytes: new TextEncoder().encode(text),
  }));
  return describeEnvironment('main', list, Object.keys(files));
}

const binder = (ref: BinderSettings['ref'], iface: BinderSettings['interface'] = 'lab') =>
  resolveBinder({ ref, interface: iface });

test('installsNbgitpuller: pip, conda, Pipfile and postBuild spellings; not a look-alike', () => {
  assert.ok(installsNbgitpuller(env({ 'requirements.txt': 'numpy\nnbgitpuller==1.2.1\n' })));
  assert.ok(installsNbgitpuller(env({ 'environment.yml': 'dependencies:\n  - python=3.11\n  - nbgitpuller\n' })));
  assert.ok(installsNbgitpuller(env({ 'binder/requirements.txt': 'NbGitPuller\n' })));
  assert.ok(
    installsNbgitpuller(
      env({ 'requirements.txt': 'numpy\n', postBuild: '#!/bin/bash\nset -e\npip install nbgitpuller\n' }),
    ),
  );
  assert.not.ok(installsNbgitpuller(env({ 'requirements.txt': 'nbgitpuller-extra\n' })));
  assert.not.ok(installsNbgitpuller(undefined));
});

test('envCommitLaunch: pull only where the environment commit differs and nbgitpuller can run', () => {
  const puller = env({ 'requirements.txt': 'nbgitpuller\n' });
  const base = { repo: GH, commit: TIP, envCommit: ENV, environment: puller, separateEnvironment: false };
  assert.equal(envCommitLaunch(binder('env-commit'), base), { kind: 'pull', envCommit: ENV });
  assert.equal(envCommitLaunch(binder('commit'), base), { kind: 'commit' });
  assert.equal(
    envCommitLaunch(binder('env-commit'), { ...base, envCommit: TIP }),
    { kind: 'commit' },
    'the environment changed in the tip',
  );
  assert.equal(envCommitLaunch(binder('env-commit'), { ...base, separateEnvironment: true }), { kind: 'commit' });
  const { envCommit: _e, ...noEnvFiles } = base;
  assert.equal(envCommitLaunch(binder('env-commit'), noEnvFiles), { kind: 'commit' });
  const without = envCommitLaunch(binder('env-commit'), {
    ...base,
    environment: env({ 'requirements.txt': 'numpy\n' }),
  });
  assert.is(without.kind, 'fallback');
  const notice = envCommitNotice('course/a', without);
  assert.equal([notice?.rule, notice?.severity, notice?.branch], ['binder-env-commit-fallback', 'info', 'course/a']);
  assert.match(
    notice?.message ?? '',
    /requirements\.txt\) does not install nbgitpuller to pull this branch into it; links open the branch tip commit instead/,
  );
  assert.match(notice?.hint ?? '', /add nbgitpuller to requirements\.txt/);
  assert.match(
    envCommitNotice(
      'm',
      envCommitLaunch(binder('env-commit'), {
        ...base,
        environment: env({ Dockerfile: 'FROM x\nRUN pip install nbgitpuller\n' }),
      }),
    )?.message ?? '',
    /cannot tell whether the Dockerfile/,
  );
  const ssh = envCommitLaunch(binder('env-commit'), {
    ...base,
    repo: { provider: 'git', url: 'ssh://git@host/x.git' },
  });
  assert.match(envCommitNotice('m', ssh)?.message ?? '', /nbgitpuller cannot clone ssh:\/\/git@host\/x\.git/);
  assert.is(envCommitNotice('m', { kind: 'pull', envCommit: ENV }), undefined);
});

test('makeLaunchLinks: env-commit starts the environment commit and pulls the branch, in every interface', () => {
  for (const iface of ['lab', 'doc', 'classic', 'rstudio', 'vscode'] as const) {
    const links = makeLaunchLinks(binder('env-commit', iface), {
      repo: GH,
      branch: 'course/week 1',
      commit: TIP,
      envCommit: ENV,
      path: 'w1/ex #1.ipynb',
    });
    const launched = readLaunch(links.binder);
    assert.equal(launched.env, { repo: 'https://github.com/octo/notes', ref: ENV }, iface);
    assert.equal(
      launched.content,
      { repo: 'https://github.com/octo/notes', ref: 'course/week 1', via: 'nbgitpuller' },
      iface,
    );
    assert.is(launched.iface, iface);
    assert.is(launched.path, iface === 'rstudio' || iface === 'vscode' ? '' : 'w1/ex #1.ipynb');
    assert.is(links.ref, ENV);
  }
  // Without an environment commit apart from the tip, the plain link to the page's commit.
  const plain = readLaunch(
    makeLaunchLinks(binder('env-commit'), { repo: GH, branch: 'b', commit: TIP, path: 'a.ipynb' }).binder,
  );
  assert.equal([plain.env.ref, plain.content.via, plain.path], [TIP, 'binder', 'a.ipynb']);
  const same = readLaunch(
    makeLaunchLinks(binder('env-commit'), { repo: GH, branch: 'b', commit: TIP, envCommit: TIP, path: 'a.ipynb' })
      .binder,
  );
  assert.equal([same.env.ref, same.content.via], [TIP, 'binder']);
  const branch = readLaunch(
    makeLaunchLinks(binder('branch'), { repo: GH, branch: 'b', commit: TIP, envCommit: ENV, path: 'a.ipynb' }).binder,
  );
  assert.equal([branch.env.ref, branch.content.via], ['b', 'binder'], 'envCommit matters only to env-commit');
});

test.run();
