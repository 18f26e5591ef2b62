import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyRuleLevels, groupDiagnostics, uniqueDiagnostics } from './diagnostic-list.js';
import { loadConfigFile } from './io/config-file.js';
import { RULES, rulesTable } from './rules.js';
import { makeRepo, makeTempDir, md, notebookJson } from '../test/support/git-repo.js';
import type { Diagnostic } from './types.js';

function sourceFiles(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sourceFiles(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

test('the README table of rules is the catalogue', () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = /<!-- rules:start[^>]*-->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme);
  assert.ok(block, 'README has the rules block');
  assert.is(block![1], rulesTable(), 'run `npm run docs:rules`');
});

test('every rule of the catalogue is reported somewhere, at its default severity where written', () => {
  const code = sourceFiles()
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  for (const id of Object.keys(RULES)) assert.ok(code.includes(`'${id}'`), `${id} is used`);
  // Where a diagnostic is written as `rule: 'x', severity: 'y'`, y is the catalogue's default.
  for (const m of code.matchAll(/rule: '([a-z0-9-]+)',\s*severity: '(error|warning|info)'/g)) {
    assert.is(m[2], RULES[m[1] as keyof typeof RULES].severity, `${m[1]} is reported as ${m[2]}`);
  }
});

const d = (over: Partial<Diagnostic>): Diagnostic => ({
  rule: 'env-none',
  severity: 'warning',
  branch: 'main',
  path: '',
  message: 'm',
  ...over,
});

test('groupDiagnostics: the same problem once; across builds, once with every build', () => {
  const list = [d({}), d({ hint: 'another hint' }), d({ branch: 'next' }), d({ path: 'a.ipynb' })];
  assert.is(uniqueDiagnostics(list).length, 3);
  const across = groupDiagnostics(list, { acrossBuilds: true });
  assert.equal(
    across.map((g) => g.builds),
    [['main', 'next'], ['main']],
  );
});

test('applyRuleLevels: a rule changes severity or is turned off; others are untouched', () => {
  const list = [d({}), d({ rule: 'output-too-large' }), d({ rule: 'math-invalid' })];
  const out = applyRuleLevels(list, { 'env-none': 'off', 'output-too-large': 'error' });
  assert.equal(
    out.map((x) => [x.rule, x.severity]),
    [
      ['output-too-large', 'error'],
      ['math-invalid', 'warning'],
    ],
  );
});

test('config: an unknown rule is an error that suggests the nearest one', () => {
  const dir = makeTempDir('bp-rules-config-');
  const load = (text: string) => {
    writeFileSync(join(dir, 'binderpress.yml'), text);
    return loadConfigFile(join(dir, 'binderpress.yml'));
  };
  try {
    assert.throws(() => load('rules:\n  output-too-larg: error\n'), /output-too-larg.*did you mean output-too-large/);
    assert.throws(() => load('rules:\n  env-none: loud\n'), /env-none/);
    assert.equal(load('rules:\n  env-none: info\n').rules, { 'env-none': 'info' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: rules set in the config decide what --strict fails on', () => {
  const repo = makeRepo();
  const work = makeTempDir('bp-rules-');
  try {
    repo.commit('main', { 'a.ipynb': notebookJson([md('# A\n\nText.')]) }, 'no environment files');
    const run = (config: string) => {
      writeFileSync(join(work, 'binderpress.yml'), config);
      const args = [
        'build',
        '--repo',
        repo.dir,
        '--out',
        join(work, 'out'),
        '--no-cache',
        '--strict',
        '--config',
        join(work, 'binderpress.yml'),
      ];
      const r = spawnSync(process.execPath, [resolve('bin/binderpress.js'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      return { code: r.status, text: r.stdout + r.stderr };
    };
    const quietRules = 'siteUrl: https://example.org/\nrepository: owner/repo\n';
    const strict = run(quietRules);
    assert.is(strict.code, 1, strict.text);
    assert.match(strict.text, /\[env-none\]/);
    const off = run(`${quietRules}rules:\n  env-none: off\n`);
    assert.is(off.code, 0, off.text);
    assert.not.match(off.text, /env-none/);
    const info = run(`${quietRules}rules:\n  env-none: info\n`);
    assert.is(info.code, 0, info.text);
  } finally {
    repo.remove();
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
