import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { configFileSchema, resolveConfig } from '../config.js';
import { loadConfigFile } from '../io/config-file.js';
import { BinderpressError } from '../io/errors.js';
import { listBranches } from '../source/branches.js';
import { makeRepo, makeTempDir } from '../../test/support/git-repo.js';
import { GITHUB_WORKFLOW, GITLAB_CI, runInit } from './init.js';
import { STARTER_CONFIG } from './starter-config.js';

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
let dir: string;
let lines: string[];
const log = (line: string) => void lines.push(line);

test.before.each(() => {
  dir = makeTempDir();
  lines = [];
});
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

/** The starter with every setting uncommented (explanations stay comments). */
function uncomment(text: string): string {
  return text
    .split('\n')
    .map((l) => (/^# (\s*([\w'-][^\s:]*:( |$)|- |# ))/.test(l) ? l.slice(2) : l))
    .join('\n');
}

function schemaKeys(schema: z.ZodType, prefix = ''): string[] {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  if (!(s instanceof z.ZodObject)) return [];
  return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => [
    prefix + k,
    ...schemaKeys(v, `${prefix}${k}.`),
  ]);
}

function dataKeys(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    prefix + k,
    ...(prefix === 'builds.' ? [] : dataKeys(v, `${prefix}${k}.`)),
  ]);
}

test('runInit writes a starter config that changes nothing until edited', async () => {
  assert.equal(await runInit(dir), ['binderpress.yml', '.gitignore']);
  const path = join(dir, 'binderpress.yml');
  assert.is(readFileSync(path, 'utf8'), STARTER_CONFIG);
  assert.equal(loadConfigFile(path), {}, 'all comments: the defaults');
  assert.not.ok(existsSync(join(dir, '.github')) || existsSync(join(dir, GITLAB_CI)));
});

test('the starter names every config key, and its values are valid and the defaults', () => {
  const data = parseYaml(uncomment(STARTER_CONFIG)) as Record<string, unknown>;
  const parsed = configFileSchema.parse(data);
  const present = new Set(dataKeys(data));
  for (const key of schemaKeys(configFileSchema))
    if (key !== 'builds') assert.ok(present.has(key), `${key} is in the starter`);
  assert.ok(present.has('builds'));
  const defaults = resolveConfig({}, {});
  const starter = resolveConfig({ ...parsed, dir: undefined }, {});
  for (const key of ['title', 'description', 'repo', 'out', 'strict', 'cache', 'render', 'feeds'] as const)
    assert.equal(starter[key], defaults[key], key);
  const { jupyterhub: _j, environment: _e, ...binder } = starter.binder;
  assert.equal(binder, defaults.binder);
  const { python: _p, ...execute } = starter.execute;
  assert.equal(execute, defaults.execute);
});

test('--github and --gitlab add CI files pinned to this version', async () => {
  assert.equal(await runInit(dir, { github: true, gitlab: true }), [
    'binderpress.yml',
    GITHUB_WORKFLOW,
    GITLAB_CI,
    '.gitignore',
  ]);
  const gh = readFileSync(join(dir, GITHUB_WORKFLOW), 'utf8');
  const workflow = parseYaml(gh) as {
    on: unknown;
    permissions: Record<string, string>;
    jobs: Record<
      string,
      {
        steps: { uses?: string; with?: Record<string, unknown>; run?: string }[];
        needs?: string;
        environment?: { name: string };
      }
    >;
  };
  const steps = workflow.jobs.build?.steps ?? [];
  assert.equal(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with, { 'fetch-depth': 0 });
  assert.equal(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with, { 'node-version': 20 });
  const run = steps.map((s) => s.run ?? '').join('\n');
  assert.ok(
    run.includes(
      `npx --yes binderpress@${VERSION} build --site-url "\${{ steps.pages.outputs.base_url }}/" --out public`,
    ),
    run,
  );
  assert.equal(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with, { path: 'public' });
  // The render cache outlives the run: the folder the build uses by default, restored from the newest run.
  const defaultCache = resolveConfig({}, {}).cache;
  const cacheStep = steps.find((s) => s.uses?.startsWith('actions/cache@'))?.with as {
    path: string;
    key: string;
    'restore-keys': string;
  };
  assert.is(cacheStep.path, defaultCache);
  assert.ok(cacheStep.key.startsWith(cacheStep['restore-keys']), 'a later run restores what an earlier one saved');
  assert.ok(
    steps.findIndex((s) => s.uses?.startsWith('actions/cache@')) <
      steps.findIndex((s) => (s.run ?? '').includes('binderpress@')),
    'restored before the build',
  );
  assert.ok(workflow.jobs.deploy?.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')));
  assert.is(workflow.jobs.deploy?.needs, 'build');
  assert.is(workflow.jobs.deploy?.environment?.name, 'github-pages');
  assert.equal(workflow.permissions, { contents: 'read', pages: 'write', 'id-token': 'write' });
  assert.not.ok(gh.includes('__BINDERPRESS_VERSION__'));

  const gl = parseYaml(readFileSync(join(dir, GITLAB_CI), 'utf8')) as {
    pages: {
      script: string[];
      artifacts: { paths: string[] };
      variables: Record<string, unknown>;
      cache: { paths: string[] };
    };
  };
  assert.equal(gl.pages.artifacts.paths, ['public']);
  assert.equal(gl.pages.cache.paths, [defaultCache]);
  assert.is(gl.pages.variables.GIT_DEPTH, 0);
  assert.ok(
    gl.pages.script.some(
      (l) => l === `npx --yes binderpress@${VERSION} build --site-url "$CI_PAGES_URL/" --out public`,
    ),
  );
});

test('the CI checkouts the templates ask for build every branch, with no fetch step of their own', async () => {
  await runInit(dir, { github: true, gitlab: true });
  const workflow = parseYaml(readFileSync(join(dir, GITHUB_WORKFLOW), 'utf8')) as {
    jobs: { build: { steps: { run?: string }[] } };
  };
  const gitlab = parseYaml(readFileSync(join(dir, GITLAB_CI), 'utf8')) as {
    pages: { script: string[]; variables: Record<string, unknown> };
  };
  assert.not.ok(
    workflow.jobs.build.steps.some((s) => s.run?.includes('git fetch')),
    'no fetch trick on GitHub',
  );
  assert.not.ok(
    gitlab.pages.script.some((l) => l.includes('git fetch')),
    'no fetch trick on GitLab',
  );
  const origin = makeRepo();
  try {
    origin.commit('main', { 'a.ipynb': '{}' }, 'a');
    origin.commit('course/intro', { 'b.ipynb': '{}' }, 'b');
    origin.git('checkout', '-q', 'main');
    const sha = origin.git('rev-parse', 'main').trim();
    const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' }).toString();
    // actions/checkout with fetch-depth 0: every branch as origin/*, the pushed one checked out locally.
    const github = join(dir, 'clone-github');
    mkdirSync(github);
    git(github, 'init', '-q');
    git(github, 'remote', 'add', 'origin', origin.dir);
    git(github, 'fetch', '-q', '--prune', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*');
    git(github, 'checkout', '-q', '--force', '-B', 'main', 'refs/remotes/origin/main');
    // GitLab with GIT_DEPTH 0: the same refspecs (Ci::BuildRunnerPresenter#refspecs), a detached HEAD.
    const gl = join(dir, 'clone-gitlab');
    mkdirSync(gl);
    git(gl, 'init', '-q');
    git(gl, 'remote', 'add', 'origin', origin.dir);
    git(gl, 'fetch', '-q', '--prune', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*');
    git(gl, 'checkout', '-q', '--force', sha);
    for (const clone of [github, gl]) {
      const names = (await listBranches(clone)).map((b) => b.name);
      assert.equal(names, ['course/intro', 'main', 'root'], clone);
    }
  } finally {
    origin.remove();
  }
});

test('.gitignore gets the output and cache folders once, keeping what it holds', async () => {
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n/public');
  assert.equal(await runInit(dir, { log }), ['binderpress.yml', '.gitignore']);
  assert.is(
    readFileSync(join(dir, '.gitignore'), 'utf8'),
    'node_modules\n/public\n# binderpress: the built site and the render cache\n.cache/\n',
  );
  assert.ok(lines.includes('added .cache/ to .gitignore'));
  assert.equal(await runInit(dir, { github: true }), [GITHUB_WORKFLOW], 'nothing added twice');
});

test('existing files are kept unless --force; a binderpress.json is never shadowed', async () => {
  writeFileSync(join(dir, 'binderpress.yml'), 'title: Mine\n');
  assert.equal(await runInit(dir, { github: true, log }), [GITHUB_WORKFLOW, '.gitignore']);
  assert.is(readFileSync(join(dir, 'binderpress.yml'), 'utf8'), 'title: Mine\n');
  assert.equal(lines, [
    'kept binderpress.yml: it exists (pass --force to replace it)',
    'added public/ and .cache/ to .gitignore',
  ]);
  writeFileSync(join(dir, GITHUB_WORKFLOW), 'mine');
  try {
    await runInit(dir, { github: true });
    assert.unreachable('nothing to write');
  } catch (error) {
    assert.instance(error, BinderpressError);
    assert.match(
      (error as Error).message,
      /nothing written: binderpress\.yml, \.github\/workflows\/binderpress\.yml exist already/,
    );
    assert.is((error as BinderpressError).code, 2, 'could not do what was asked (the exit-code table)');
  }
  assert.is(readFileSync(join(dir, GITHUB_WORKFLOW), 'utf8'), 'mine');
  assert.equal(await runInit(dir, { github: true, force: true }), ['binderpress.yml', GITHUB_WORKFLOW]);
  assert.is(readFileSync(join(dir, 'binderpress.yml'), 'utf8'), STARTER_CONFIG);

  const other = join(dir, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'binderpress.json'), '{"title": "Json"}');
  lines = [];
  assert.equal(await runInit(other, { gitlab: true, force: true, log }), [GITLAB_CI, '.gitignore']);
  assert.not.ok(existsSync(join(other, 'binderpress.yml')));
  assert.match(lines.join('\n'), /kept binderpress\.json/);
});

test.run();
