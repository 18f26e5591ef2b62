import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveBinder } from '../config.js';
import { environmentPlace } from '../site/environment-repo.js';
import type { EnvironmentBranch } from '../source/env-branch.js';
import { buildEnvironment } from './build-environment.js';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, blob: path, bytes: enc.encode(text) });
const gh = { provider: 'gh', owner: 'Octo-Org', repo: 'Course' } as const;
const binder = (environment?: { repository?: string; branch?: string }) =>
  resolveBinder(environment ? { environment } : {});

test('environmentPlace: a branch of this repository, another repository, or the build itself', () => {
  assert.is(environmentPlace(binder(), 'lessons', gh), undefined);
  assert.equal(environmentPlace(binder({ branch: 'env' }), 'lessons', gh), { kind: 'branch', branch: 'env' });
  assert.is(
    environmentPlace(binder({ branch: 'env' }), 'env', gh),
    undefined,
    'the environment branch itself runs its own files',
  );
  assert.equal(environmentPlace(binder({}), 'lessons', gh), { kind: 'branch', branch: 'HEAD' });
  assert.equal(
    environmentPlace(binder({ repository: 'octo-org/course', branch: 'env' }), 'lessons', gh),
    { kind: 'branch', branch: 'env' },
    'this repository, named',
  );
  assert.equal(environmentPlace(binder({ repository: 'octo-org/env-repo' }), 'lessons', gh), {
    kind: 'elsewhere',
    repository: 'octo-org/env-repo',
    ref: 'HEAD',
  });
  assert.equal(environmentPlace(binder({ repository: 'octo-org/env-repo', branch: 'main' }), 'lessons', undefined), {
    kind: 'elsewhere',
    repository: 'octo-org/env-repo',
    ref: 'main',
  });
  assert.is(
    environmentPlace(binder({ branch: 'env' }), 'lessons', undefined),
    undefined,
    'no repository: no links to describe',
  );
});

const own = {
  branch: { name: 'lessons' },
  envFiles: [file('requirements.txt', 'scikit-learn\n')],
  paths: ['requirements.txt', 'a.ipynb', 'helpers.py'],
};

test("buildEnvironment: the environment branch is described, with the build's own modules", () => {
  const branch = {
    name: 'env',
    commit: 'c0ffee',
    tip: { sha: 'c0ffee', date: '2026-01-05T10:00:00Z', author: 'A', email: 'a@example.org' },
  };
  const envBranch: EnvironmentBranch = {
    branch,
    envFiles: [file('binder/environment.yml', 'dependencies:\n  - numpy\n')],
    paths: ['binder/environment.yml', 'tools.py'],
    diagnostics: [],
  };
  const got = buildEnvironment(own, { kind: 'branch', branch: 'env' }, envBranch);
  assert.equal(got.source, { branch: 'env', readable: true });
  assert.equal(got.environment?.files, ['binder/environment.yml']);
  assert.equal(got.environment?.packages, ['numpy']);
  assert.equal(got.environment?.localModules, ['helpers']);
  assert.equal(
    got.diagnostics.map((d) => [d.rule, d.branch, d.path]),
    [['env-file-ignored', 'lessons', 'requirements.txt']],
  );
});

test('buildEnvironment: another repository, or a branch not here, is not described', () => {
  const elsewhere = buildEnvironment(
    own,
    { kind: 'elsewhere', repository: 'octo-org/env-repo', ref: 'main' },
    undefined,
  );
  assert.is(elsewhere.environment, undefined);
  assert.equal(elsewhere.source, { repository: 'octo-org/env-repo', branch: 'main', readable: false });
  assert.equal(
    elsewhere.diagnostics.map((d) => [d.rule, d.severity]),
    [
      ['env-elsewhere', 'info'],
      ['env-file-ignored', 'info'],
    ],
  );
  const missing = buildEnvironment(own, { kind: 'branch', branch: 'env' }, undefined);
  assert.is(missing.environment, undefined);
  assert.equal(
    missing.diagnostics.map((d) => [d.rule, d.severity]),
    [
      ['env-branch-missing', 'warning'],
      ['env-file-ignored', 'info'],
    ],
  );
});

test.run();
