// End to end: the `--execute` modes and what happens without a Python that can run notebooks, and
// a `--dir` build run in a copy of its folder (one real kernel, Debian's python3-ipykernel).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../../test/support/git-repo.js';

const BIN = resolve('bin/binderpress.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  });
  return { code: r.status, stderr: r.stderr };
}

const bare = (source: string) => code(source, [], null);
const work = makeTempDir('bp-exec-modes-');
const repo = makeRepo();
repo.commit(
  'main',
  {
    'a.ipynb': notebookJson([md('# A'), bare("print('ex' + 'ecuted')")]),
    'b.ipynb': notebookJson([md('# B'), bare('1 + 1')]),
  },
  'two stripped notebooks',
);
const noPython = join(work, 'no-python.yml');
writeFileSync(noPython, `execute:\n  python: ${join(work, 'missing', 'python3')}\n`);
const build = (...extra: string[]) =>
  cli(['build', '--repo', repo.dir, '--out', join(work, 'site'), '--no-cache', ...extra]);

test('auto without a Python that can run notebooks: rendered as saved, one warning saying how', () => {
  const r = build('--config', noPython);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.includes('[execute-no-python]'));
  assert.equal(lines, [
    'warning: 2 notebooks saved without outputs could not be executed: no Python with nbclient and a Jupyter kernel was found, so they are rendered as saved [execute-no-python]',
  ]);
  assert.match(r.stderr, /hint: .*missing\/python3 cannot run notebooks .*set execute\.python to another Python/);
  assert.not.match(readFileSync(join(work, 'site', 'main', 'a.html'), 'utf8'), /executed-note/);
  assert.is(build('--config', noPython, '--strict').code, 1);
});

test('always without one is an error with the hint; never renders as saved with no warning', () => {
  const always = build('--config', noPython, '--execute', 'always');
  assert.is(always.code, 2, always.stderr);
  assert.match(
    always.stderr,
    /^binderpress: 2 notebooks saved without outputs could not be executed: no Python with nbclient/m,
  );
  assert.match(always.stderr, /hint: .*pip install nbclient ipykernel/);
  const never = build('--config', noPython, '--execute', 'never');
  assert.is(never.code, 0, never.stderr);
  assert.not.match(never.stderr, /execute-/);
  const bad = build('--execute', 'sometimes');
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--execute sometimes is not a mode\n {2}hint: use --execute auto/);
});

test('--dir: a notebook runs in a copy of its folder, beside its data; allowErrors runs on; the folder is unchanged', () => {
  const dir = makeTempDir('bp-exec-dir-');
  mkdirSync(join(dir, 'course'));
  writeFileSync(
    join(dir, 'course', 'read.ipynb'),
    notebookJson([
      md('# Read'),
      bare("print(open('values.txt').read().upper())\nopen('left.txt', 'w').write('x')"),
      bare("raise KeyError('ex' + 'pected')"),
      bare("print('ran' + ' on')"),
    ]),
  );
  writeFileSync(join(dir, 'course', 'values.txt'), 'from the folder\n');
  const config = join(work, 'allow.yml');
  writeFileSync(config, 'execute:\n  allowErrors: true\n');
  const r = cli(['build', '--dir', dir, '--out', join(work, 'dir-site'), '--no-cache', '--config', config]);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, /\[execute-/);
  assert.match(r.stderr, /executed 1 \(0 from cache, 0 failed\)/);
  const page = readFileSync(join(work, 'dir-site', 'course', 'read.html'), 'utf8');
  assert.match(page, /FROM THE FOLDER/);
  assert.match(page, /expected/, 'the traceback of the allowed error');
  assert.match(page, /ran on/);
  assert.equal(readdirSync(join(dir, 'course')).sort(), ['read.ipynb', 'values.txt']);
  rmSync(dir, { recursive: true, force: true });
});

test('a notebook past the whole-notebook limit is stopped, its kernel with it, and reported', async () => {
  const pidFile = join(work, 'kernel.pid');
  const hang = makeRepo();
  hang.commit(
    'main',
    {
      'hang.ipynb': notebookJson([
        md('# Hang'),
        bare(`import os\nopen(${JSON.stringify(pidFile)}, 'w').write(str(os.getpid()))`),
        bare('import time\ntime.sleep(600)'),
      ]),
    },
    'a notebook that hangs',
  );
  const config = join(work, 'hang.yml');
  writeFileSync(config, 'execute:\n  notebookTimeout: 4\n');
  const r = cli(['build', '--repo', hang.dir, '--out', join(work, 'hang-site'), '--no-cache', '--config', config]);
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /warning \(branch main, hang\.ipynb\): the notebook could not be executed: the notebook ran longer than 4 s in all and was stopped .*\[execute-failed\]/,
  );
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 50 && alive(); i++) await new Promise((done) => setTimeout(done, 200));
  assert.not.ok(alive(), `the kernel (pid ${pid}) is gone`);
  hang.remove();
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test.run();
