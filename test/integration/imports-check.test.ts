// End to end: the missing-module check on a real repository with the real CLI. A module the
// notebook writes itself (`%%writefile`) or that the branch holds is not missing; a package the
// environment does not install is.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

test('modules written by the notebook or held by the branch are not reported missing', () => {
  const repo = makeRepo();
  const work = makeTempDir('bp-imports-');
  try {
    const nb = notebookJson([
      md('# Own modules'),
      code('%%writefile mymodule.py\nimport numpy\ndef double(x):\n    return 2 * x\n'),
      code('import mymodule\nimport helpers\nimport tensorflow\nmymodule.double(2)'),
    ]);
    repo.commit(
      'main',
      { 'lessons/own.ipynb': nb, 'lessons/helpers.py': 'X = 1\n', 'requirements.txt': 'numpy\n' },
      'notebook writes a module',
    );
    const r = spawnSync(
      process.execPath,
      [resolve('bin/binderpress.js'), 'build', '--repo', repo.dir, '--out', join(work, 'out'), '--no-cache'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    assert.is(r.status, 0, r.stderr);
    const missing = r.stderr.split('\n').filter((l) => l.includes('[env-missing-module]'));
    assert.is(missing.length, 1, r.stderr);
    assert.match(missing[0]!, /lessons\/own\.ipynb/);
    assert.match(missing[0]!, /`tensorflow`/);
    assert.not.match(missing[0]!, /mymodule|helpers/);
  } finally {
    repo.remove();
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
