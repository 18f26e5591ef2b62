// The environment a build's page describes, and the missing-module check, follow the environment
// its "Run this" links start: with `binder.environment` naming a branch of this repository, that
// branch's files (read from git, not from the build's own `binder/`); naming another repository,
// which cannot be read from here, the page says so and no import is reported missing.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
let repo: TestRepo;
let work: string;

const ENVIRONMENT_YML = `name: course
channels: [conda-forge]
dependencies:
  - python=3.11
  - numpy
  - pandas
  - pip
  - pip:
      - nbgitpuller
`;

function build(name: string, config: string) {
  const dir = join(work, name);
  const configFile = join(work, `${name}.yml`);
  writeFileSync(configFile, config);
  const r = spawnSync(
    process.execPath,
    [BIN, 'build', '--repo', repo.dir, '--config', configFile, '--out', dir, '--no-cache', '--branches', 'lessons'],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  assert.is(r.status, 0, r.stderr);
  const doc = new JSDOM(readFileSync(join(dir, 'lessons', 'index.html'), 'utf8')).window.document;
  const section = doc.querySelector('section.environment');
  const facts = Object.fromEntries(
    [...(section?.querySelectorAll('dt') ?? [])].map((dt) => [
      dt.textContent ?? '',
      dt.nextElementSibling?.textContent ?? '',
    ]),
  );
  return { stderr: r.stderr, text: section?.textContent?.replace(/\s+/g, ' ') ?? '', facts };
}

const lines = (stderr: string, rule: string) => stderr.split('\n').filter((l) => l.includes(`[${rule}]`));

test.before(() => {
  work = makeTempDir('bp-env-apart-');
  repo = makeRepo('https://github.com/octo-org/course.git');
  repo.commit('environment', { 'environment.yml': ENVIRONMENT_YML }, 'the course environment');
  const lesson = notebookJson([md('# Data'), code('import numpy as np\nimport pandas as pd\nimport sklearn\n')]);
  repo.commit(
    'lessons',
    { 'data.ipynb': lesson, 'binder/requirements.txt': 'scikit-learn\n' },
    'a lesson with its own requirements',
  );
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('an environment branch: the page names its files and packages, imports are checked against it', () => {
  const { stderr, text, facts } = build('branch', 'binder:\n  environment:\n    branch: environment\n');
  assert.match(text, /starts the environment of branch environment/);
  assert.match(text, /from environment\.yml of branch environment/);
  assert.not.match(text, /requirements\.txt/);
  assert.is(facts['Packages'], 'numpy, pandas, pip, nbgitpuller');
  assert.is(facts['Python'], '3.11');
  const missing = lines(stderr, 'env-missing-module');
  assert.is(missing.length, 1, stderr);
  assert.match(missing[0]!, /data\.ipynb/);
  assert.match(missing[0]!, /`sklearn`/);
  assert.match(missing[0]!, /environment\.yml/);
  assert.not.match(missing[0]!, /numpy|pandas/);
  const ignored = lines(stderr, 'env-file-ignored');
  assert.is(ignored.length, 1, stderr);
  assert.match(ignored[0]!, /binder\/requirements\.txt/);
});

test('an environment in another repository: the page says it cannot be read here; imports are not checked', () => {
  const { stderr, text, facts } = build(
    'repository',
    'binder:\n  environment:\n    repository: octo-org/env-repo\n    branch: main\n',
  );
  assert.match(text, /environment of octo-org\/env-repo \(branch main\), another repository/);
  assert.match(text, /cannot be read from here/);
  assert.equal(facts, {});
  assert.not.match(text, /requirements\.txt|scikit/);
  assert.is(lines(stderr, 'env-missing-module').length, 0, stderr);
  const notice = lines(stderr, 'env-elsewhere');
  assert.is(notice.length, 1, stderr);
  assert.match(notice[0]!, /octo-org\/env-repo/);
  assert.match(notice[0]!, /^info/);
});

test('an environment branch that is not in the repository is a warning, and nothing is described', () => {
  const { stderr, text } = build('missing', 'binder:\n  environment:\n    branch: no-such-env\n');
  assert.match(text, /branch no-such-env, which is not in the repository/);
  assert.is(lines(stderr, 'env-missing-module').length, 0, stderr);
  const warning = lines(stderr, 'env-branch-missing');
  assert.is(warning.length, 1, stderr);
  assert.match(warning[0]!, /^warning \(branch lessons\): .*no-such-env.*not in this repository/);
  assert.match(stderr, /hint: fetch it \(git fetch origin no-such-env\)/);
});

test.run();
