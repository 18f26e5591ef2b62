// Launch links end to end: real repositories with awkward branch and file names, the real CLI
// with real config files, and every link read back the way BinderHub and nbgitpuller read it.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { parseBinderUrl, parseGitPull, readLaunch, resolveUrlpath } from '../support/binder-url.js';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';
import { buildSlug, notebookPagePath } from '../../src/site/paths.js';

const BIN = resolve('bin/binderpress.js');
let repo: TestRepo;
let work: string;
const made: string[] = [];

const BRANCHES: Record<string, string> = {
  'unit/ünï-ça': 'lessons/día 1 #intro.ipynb',
  'hash#tag': 'a%20b/50% done.ipynb',
  'per%cent': 'notes.ipynb',
};

function build(config: string, ...args: string[]): string {
  const dir = makeTempDir('bp-launch-');
  made.push(dir);
  writeFileSync(join(dir, 'binderpress.yml'), config);
  const r = spawnSync(process.execPath, [BIN, 'build', '--repo', repo.dir, '--quiet', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  return join(dir, 'public');
}

function runLink(out: string, branch: string, path: string): { binder: string; others: string[] } {
  const page = join(out, buildSlug(branch), ...notebookPagePath(path).split('/'));
  const doc = new JSDOM(readFileSync(page, 'utf8')).window.document;
  const binder = doc.querySelector('a.run-button')?.getAttribute('href') ?? '';
  const others = [...doc.querySelectorAll('.more-launch a')].map((a) => a.getAttribute('href') ?? '');
  return { binder, others };
}

test.before(() => {
  repo = makeRepo('https://github.com/octo-org/Course-Repo.git');
  work = makeTempDir('bp-launch-work-');
  for (const [branch, path] of Object.entries(BRANCHES)) {
    repo.commit(branch, { 'requirements.txt': 'numpy\nnbgitpuller\n' }, 'environment first');
    repo.commit(branch, { [path]: notebookJson([md(`# ${branch}`)]) }, 'then the notebook');
  }
  repo.commit('env', { Dockerfile: 'FROM quay.io/jupyter/scipy-notebook:2024-05-27\n' }, 'environment branch');
  repo.commit('notes/week-1', { 'week 1.ipynb': notebookJson([md('# Week one')]) }, 'notes only');
});

test.after(() => {
  repo.remove();
  for (const dir of [work, ...made]) rmSync(dir, { recursive: true, force: true });
});

test('default links are pinned to the branch tip and open the notebook in JupyterLab', () => {
  const out = build('title: Links\n');
  for (const [branch, path] of Object.entries(BRANCHES)) {
    const link = parseBinderUrl(runLink(out, branch, path).binder);
    assert.is(link.hub, 'https://mybinder.org');
    assert.is(link.provider, 'gh');
    if (link.provider !== 'gh') return;
    assert.is(`${link.owner}/${link.repo}`, 'octo-org/Course-Repo');
    assert.is(link.ref, repo.git('rev-parse', branch).trim(), `${branch} pinned to its tip`);
    assert.equal(resolveUrlpath(link.urlpath ?? ''), { iface: 'lab', path, query: '' }, `${branch}: ${path}`);
  }
});

test('ref: branch, env-commit; interface; other hubs; GitLab; Colab and JupyterHub links', () => {
  const branchOut = build(
    'repository: gl:group/sub/course\nbinder:\n  ref: branch\n  interface: doc\n  hub: https://hub.example.org/binder/\n  fallbackHubs: [https://mybinder.org]\n  jupyterhub: https://jhub.example.org\n',
  );
  for (const [branch, path] of Object.entries(BRANCHES)) {
    const { binder, others } = runLink(branchOut, branch, path);
    const link = parseBinderUrl(binder);
    assert.is(link.hub, 'https://hub.example.org/binder');
    assert.is(link.provider, 'gl');
    if (link.provider !== 'gl') return;
    assert.is(link.namespace, 'group/sub/course');
    assert.is(link.ref, branch, 'the branch name survives the round trip');
    assert.equal(resolveUrlpath(link.urlpath ?? ''), { iface: 'doc', path, query: '' });
    const fallback = parseBinderUrl(others.find((u) => u.startsWith('https://mybinder.org/')) ?? '');
    assert.is(fallback.ref, branch);
    const pull = parseGitPull(others.find((u) => u.startsWith('https://jhub.example.org/')) ?? '');
    assert.is(pull.repo, 'https://gitlab.com/group/sub/course');
    assert.is(pull.branch, branch);
    assert.is(resolveUrlpath(pull.urlpath ?? '').path, `${pull.targetpath}/${path}`);
  }
  const envOut = build('binder:\n  ref: env-commit\n  colab: true\n');
  for (const [branch, path] of Object.entries(BRANCHES)) {
    const { binder, others } = runLink(envOut, branch, path);
    const envCommit = repo.git('rev-parse', `${branch}~1`).trim();
    assert.is.not(envCommit, repo.git('rev-parse', branch).trim());
    const launched = readLaunch(binder);
    assert.is(launched.env.ref, envCommit, 'the environment of the last commit that changed requirements.txt');
    assert.equal(
      [launched.content.via, launched.content.ref, launched.path],
      ['nbgitpuller', branch, path],
      'pulls the branch and opens the notebook',
    );
    const colab = others.find((u) => u.startsWith('https://colab.research.google.com/'));
    assert.ok(colab?.includes(`/github/octo-org/Course-Repo/blob/${repo.git('rev-parse', branch).trim()}/`), colab);
  }
});

test('an environment kept in another branch: Binder starts it and nbgitpuller pulls the notebooks in', () => {
  const out = build("builds:\n  'notes/*':\n    binder:\n      environment:\n        branch: env\n");
  const { binder } = runLink(out, 'notes/week-1', 'week 1.ipynb');
  const link = parseBinderUrl(binder);
  assert.is(link.ref, 'env');
  assert.ok(link.urlpath?.startsWith('git-pull?'), link.urlpath);
  const pull = parseGitPull(link.urlpath ?? '');
  assert.is(pull.repo, 'https://github.com/octo-org/Course-Repo');
  assert.is(pull.branch, 'notes/week-1');
  assert.equal(resolveUrlpath(pull.urlpath ?? ''), {
    iface: 'lab',
    path: `${pull.targetpath}/week 1.ipynb`,
    query: '',
  });
  // a build outside the `notes/*` pattern launches plainly, without nbgitpuller
  const own = parseBinderUrl(runLink(out, 'unit/ünï-ça', BRANCHES['unit/ünï-ça'] as string).binder);
  assert.not.ok(own.urlpath?.startsWith('git-pull'));
});

test('feed items carry the Binder link as Atom rel=related and JSON Feed external_url', () => {
  const out = build('title: Links\n');
  const { binder } = runLink(out, 'notes/week-1', 'week 1.ipynb');
  const atom = readFileSync(join(out, 'notes-week-1', 'atom.xml'), 'utf8');
  const related = new JSDOM(atom, { contentType: 'application/xml' }).window.document
    .querySelector('entry link[rel="related"]')
    ?.getAttribute('href');
  assert.is(related, binder);
  const json = JSON.parse(readFileSync(join(out, 'notes-week-1', 'feed.json'), 'utf8'));
  assert.is(json.items[0].external_url, binder);
});

test('a bad provider or hub URL in the config is an error that says what is accepted', () => {
  for (const [config, pattern] of [
    ['repository: bitbucket:team/repo\n', /unknown provider `bitbucket`/],
    ['binder:\n  hub: mybinder.org\n', /binder\.hub.*absolute http\(s\) URL/],
  ] as const) {
    const dir = makeTempDir('bp-launch-bad-');
    writeFileSync(join(dir, 'binderpress.yml'), config);
    const r = spawnSync(process.execPath, [BIN, 'build', '--repo', repo.dir], { cwd: dir, encoding: 'utf8' });
    assert.is(r.status, 2, r.stderr);
    assert.match(r.stderr, pattern);
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
