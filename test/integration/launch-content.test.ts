// Does "Run this" open the notebook the page shows? For every `binder.ref` mode, with and without
// an environment kept apart, each page's link is read back the way BinderHub and nbgitpuller read
// it, and the content it opens (a commit, or the branch tip that is pulled) is looked up in the
// real repository: the notebook there must be the very blob of the page's own download.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { readLaunch } from '../support/binder-url.js';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';
import { buildSlug, notebookPagePath } from '../../src/site/paths.js';

const BIN = resolve('bin/binderpress.js');
const CONTENT_URL = 'https://github.com/octo-org/Course-Repo';
const NOTEBOOKS = ['old.ipynb', 'new/ünï nb.ipynb'];
let repo: TestRepo;
let work: string;
const env: Record<string, string> = {};

// `lesson` and its copies `split-*` (environment kept apart) changed their environment first and
// their notebooks since; `no-puller` likewise, but its environment lacks nbgitpuller; `env-last`
// changed its environment in its tip commit.
const BUILDS = ['lesson', 'split-branch', 'split-repo', 'no-puller', 'env-last'];
const CONFIG = `builds:
  'split-branch':
    binder: { environment: { branch: env } }
  'split-repo':
    binder: { environment: { repository: octo-org/env-repo, branch: main } }
`;

function build(binder: string): { out: string; stderr: string } {
  const dir = makeTempDir('bp-launch-content-');
  writeFileSync(join(dir, 'binderpress.yml'), `binder:\n${binder}\n${CONFIG}`);
  const r = spawnSync(process.execPath, [BIN, 'build', '--repo', repo.dir, '--no-cache'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  return { out: join(dir, 'public'), stderr: r.stderr };
}

function runLink(out: string, branch: string, path: string): string {
  const page = join(out, buildSlug(branch), ...notebookPagePath(path).split('/'));
  const doc = new JSDOM(readFileSync(page, 'utf8')).window.document;
  return doc.querySelector('a.run-button')?.getAttribute('href') ?? '';
}

/** The blob at `path` in what a link opens: its commit, or the branch tip nbgitpuller pulls now. */
function launchedBlob(ref: string, path: string): string {
  const r = spawnSync('git', ['rev-parse', '-q', '--verify', `${ref}:${path}`], { cwd: repo.dir, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : `(no ${path} at ${ref})`;
}

test.before(() => {
  repo = makeRepo(`${CONTENT_URL}.git`);
  work = makeTempDir('bp-launch-content-work-');
  const first = { 'old.ipynb': notebookJson([md('# Old\n\nFirst version.')]) };
  const later = {
    'old.ipynb': notebookJson([md('# Old\n\nSecond version.')]),
    'new/ünï nb.ipynb': notebookJson([md('# New')]),
  };
  env.lesson = repo.commit('lesson', { 'requirements.txt': 'numpy\nnbgitpuller\n', ...first }, 'environment');
  repo.commit('lesson', later, 'notebooks changed since');
  repo.git('branch', 'split-branch', 'lesson');
  repo.git('branch', 'split-repo', 'lesson');
  env['no-puller'] = repo.commit('no-puller', { 'requirements.txt': 'numpy\n', ...first }, 'environment');
  repo.commit('no-puller', later, 'notebooks changed since');
  repo.commit('env-last', { ...first }, 'notebooks');
  repo.commit('env-last', { ...later }, 'more notebooks');
  env['env-last'] = repo.commit('env-last', { 'requirements.txt': 'numpy\n' }, 'environment last');
  repo.commit(
    'env',
    { Dockerfile: 'FROM quay.io/jupyter/scipy-notebook:2024-05-27\nRUN pip install nbgitpuller\n' },
    'environment branch',
  );
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

for (const [mode, iface] of [
  ['commit', 'lab'],
  ['env-commit', 'doc'],
  ['branch', 'classic'],
] as const) {
  test(`ref: ${mode}: every link opens the page's notebook, at the page's blob`, () => {
    const { out, stderr } = build(`  ref: ${mode}\n  interface: ${iface}`);
    for (const branch of BUILDS) {
      const tip = repo.git('rev-parse', branch).trim();
      for (const path of NOTEBOOKS) {
        const launched = readLaunch(runLink(out, branch, path));
        const where = `${mode} ${branch} ${path}`;
        assert.is(launched.content.repo, CONTENT_URL, where);
        assert.equal([launched.iface, launched.path], [iface, path], where);
        const page = execFileSync('git', ['hash-object', join(out, buildSlug(branch), ...path.split('/'))])
          .toString()
          .trim();
        assert.is(launchedBlob(launched.content.ref, path), page, `${where}: opens ${launched.content.ref}`);
        // The environment that starts: pinned where the mode pins it, kept apart where configured.
        if (branch === 'split-branch') assert.equal(launched.env, { repo: CONTENT_URL, ref: 'env' }, where);
        else if (branch === 'split-repo')
          assert.equal(launched.env, { repo: 'https://github.com/octo-org/env-repo', ref: 'main' }, where);
        else if (mode === 'env-commit' && branch === 'lesson') {
          assert.equal(
            launched.env,
            { repo: CONTENT_URL, ref: env.lesson },
            `${where}: the image of the environment commit`,
          );
          assert.is(launched.content.via, 'nbgitpuller', where);
          assert.is(launched.content.ref, branch, where);
        } else assert.equal(launched.env, { repo: CONTENT_URL, ref: mode === 'branch' ? branch : tip }, where);
      }
    }
    const notice = /binder-env-commit-fallback/.test(stderr);
    assert.is(notice, mode === 'env-commit', stderr);
    if (mode === 'env-commit') {
      assert.match(stderr, /\(branch no-puller\): binder\.ref env-commit: .* does not install nbgitpuller/);
      assert.not.match(stderr, /\(branch (lesson|env-last|split-[a-z]+)\): binder\.ref env-commit/);
      // The build page and the feeds carry the same links as the notebook pages.
      const buildPage = new JSDOM(readFileSync(join(out, 'lesson', 'index.html'), 'utf8')).window.document;
      const whole = readLaunch(buildPage.querySelector('a.run-button')?.getAttribute('href') ?? '');
      assert.equal([whole.env.ref, whole.content.ref, whole.path], [env.lesson, 'lesson', '']);
      const feed = JSON.parse(readFileSync(join(out, 'lesson', 'feed.json'), 'utf8')) as {
        items: { url: string; external_url: string }[];
      };
      for (const path of NOTEBOOKS) {
        const item = feed.items.find((i) =>
          i.url.endsWith(`/${notebookPagePath(path).split('/').map(encodeURIComponent).join('/')}`),
        );
        assert.is(item?.external_url, runLink(out, 'lesson', path), path);
      }
    }
  });
}

test.run();
