import { test, suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RepoSpec } from '../source/remote.js';
import { parseBinderUrl, parseGitPull, resolveUrlpath } from '../../test/support/binder-url.js';
import type { LaunchInterface } from './launch.js';
import { binderLaunchUrl, cloneUrlOf, colabUrl, hubBadgeUrl, nbgitpullerUrl, sourceUrl, urlpathFor } from './launch.js';

const HUB = 'https://mybinder.org';
const GH: RepoSpec = { provider: 'gh', owner: 'octo', repo: 'notes' };
const GL: RepoSpec = { provider: 'gl', host: 'gitlab.com', namespace: 'group/sub/project' };
const GL_SELF: RepoSpec = { provider: 'gl', host: 'gitlab.example.org', namespace: 'team/course' };
const GIT: RepoSpec = { provider: 'git', url: 'https://codeberg.org/someone/lessons.git' };

const REFS = [
  'main',
  'course/intro',
  'feature/#42?x',
  '100%/done',
  'with space',
  'a&b=c',
  'a+b',
  'ünï/ça',
  'emoji-🚀',
  '0123456789abcdef0123456789abcdef01234567',
];
const PATHS = [
  'index.ipynb',
  'lessons/01 intro.ipynb',
  'dir with space/ünïcode ça.ipynb',
  'odd/#hash?q=1&x=%41+plus.ipynb',
  'deep/a/b/c/d.ipynb',
];
const IFACES: LaunchInterface[] = ['lab', 'doc', 'classic', 'rstudio', 'vscode'];

// Nothing but the URL's own syntax may appear raw: no space, no `#`, no second `?`, no non-ASCII.
function assertCleanUrl(url: string): void {
  assert.not.match(url, /[\s#]|[^\x21-\x7e]/, `raw character in ${url}`);
  assert.is(url.split('?').length <= 2, true, `raw ? in ${url}`);
}

const binder = suite('binderLaunchUrl');

binder('matches the documented GitHub form', () => {
  assert.is(
    binderLaunchUrl(HUB, GH, 'course/intro', urlpathFor('lab', 'lessons/01 intro.ipynb')),
    'https://mybinder.org/v2/gh/octo/notes/course%2Fintro?urlpath=lab%2Ftree%2Flessons%2F01%2520intro.ipynb',
  );
  assert.is(binderLaunchUrl(HUB, GH, 'main'), 'https://mybinder.org/v2/gh/octo/notes/main');
});

binder('hub with or without trailing slash, and with a base path', () => {
  assert.is(binderLaunchUrl('https://mybinder.org/', GH, 'main'), binderLaunchUrl(HUB, GH, 'main'));
  assert.is(
    binderLaunchUrl('https://hub.example.org/binder//', GH, 'x'),
    'https://hub.example.org/binder/v2/gh/octo/notes/x',
  );
  assert.is(
    parseBinderUrl(binderLaunchUrl('https://hub.example.org/binder/', GH, 'x')).hub,
    'https://hub.example.org/binder',
  );
});

binder('GitLab: namespace encoded as one segment; other GitLab hosts use the git provider', () => {
  assert.is(binderLaunchUrl(HUB, GL, 'main'), 'https://mybinder.org/v2/gl/group%2Fsub%2Fproject/main');
  assert.is(
    binderLaunchUrl(HUB, GL_SELF, 'main'),
    'https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example.org%2Fteam%2Fcourse/main',
  );
  assert.is(
    binderLaunchUrl(HUB, GIT, 'a/b'),
    'https://mybinder.org/v2/git/https%3A%2F%2Fcodeberg.org%2Fsomeone%2Flessons.git/a%2Fb',
  );
});

binder('round-trips every provider, ref, path and interface through BinderHub rules', () => {
  for (const repo of [GH, GL, GL_SELF, GIT]) {
    for (const ref of REFS) {
      for (const path of PATHS) {
        for (const iface of IFACES) {
          const url = binderLaunchUrl(`${HUB}/`, repo, ref, urlpathFor(iface, path));
          assertCleanUrl(url);
          const parsed = parseBinderUrl(url);
          assert.is(parsed.hub, HUB);
          assert.is(parsed.ref, ref, url);
          if (repo.provider === 'gh' && parsed.provider === 'gh') {
            assert.equal([parsed.owner, parsed.repo], [repo.owner, repo.repo]);
          } else if (repo.provider === 'gl' && repo.host === 'gitlab.com') {
            assert.equal(parsed, { ...parsed, provider: 'gl', namespace: repo.namespace });
          } else {
            assert.equal(parsed, { ...parsed, provider: 'git', url: cloneUrlOf(repo) });
          }
          const opened = resolveUrlpath(parsed.urlpath ?? '');
          if (iface === 'rstudio' || iface === 'vscode') {
            assert.is(opened.iface, iface);
          } else {
            assert.equal([opened.iface, opened.path], [iface, path], url);
          }
        }
      }
    }
  }
});

binder.run();

const urlpath = suite('urlpathFor');

urlpath('each interface', () => {
  assert.is(urlpathFor('lab', 'a b/c.ipynb'), 'lab/tree/a%20b/c.ipynb');
  assert.is(urlpathFor('doc', 'c.ipynb'), 'doc/tree/c.ipynb');
  assert.is(urlpathFor('classic', 'c.ipynb'), 'tree/c.ipynb');
  assert.is(urlpathFor('rstudio', 'c.ipynb'), 'rstudio/');
  assert.is(urlpathFor('vscode', 'c.ipynb'), 'vscode/?folder=%2Fhome%2Fjovyan');
  assert.is(urlpathFor('lab', ''), 'lab/tree/');
  assert.is(urlpathFor('lab', '/lead.ipynb'), 'lab/tree/lead.ipynb');
});

urlpath('vscode folder survives the hub and reaches code-server', () => {
  const parsed = parseBinderUrl(binderLaunchUrl(HUB, GH, 'main', urlpathFor('vscode', 'x.ipynb')));
  const opened = resolveUrlpath(parsed.urlpath ?? '');
  assert.is(opened.iface, 'vscode');
  assert.is(new URLSearchParams(opened.query).get('folder'), '/home/jovyan');
});

urlpath.run();

const puller = suite('nbgitpullerUrl');

puller('through Binder: environment repo launched, content pulled and opened', () => {
  for (const branch of REFS) {
    for (const path of PATHS) {
      const url = nbgitpullerUrl({
        hub: HUB,
        via: 'binder',
        env: { repo: { provider: 'gh', owner: 'octo', repo: 'env' }, ref: 'env/py3.12' },
        content: { cloneUrl: cloneUrlOf(GH), branch, path },
        iface: 'lab',
      });
      assertCleanUrl(url);
      const outer = parseBinderUrl(url);
      assert.equal([outer.provider, outer.ref], ['gh', 'env/py3.12']);
      const pull = parseGitPull(outer.urlpath ?? '');
      assert.equal([pull.repo, pull.branch, pull.targetpath], ['https://github.com/octo/notes', branch, 'notes']);
      assert.equal(resolveUrlpath(pull.urlpath ?? ''), { iface: 'lab', path: `notes/${path}`, query: '' });
    }
  }
});

puller('exact form of the documented link', () => {
  const url = nbgitpullerUrl({
    hub: 'https://mybinder.org/',
    via: 'binder',
    env: { repo: GH, ref: 'main' },
    content: { cloneUrl: 'https://github.com/o/content', branch: 'main', path: 'a.ipynb' },
    iface: 'lab',
  });
  const inner =
    'git-pull?repo=https%3A%2F%2Fgithub.com%2Fo%2Fcontent&branch=main&urlpath=lab%2Ftree%2Fcontent%2Fa.ipynb';
  assert.is(url, `https://mybinder.org/v2/gh/octo/notes/main?urlpath=${encodeURIComponent(inner)}`);
});

puller('on a JupyterHub', () => {
  const url = nbgitpullerUrl({
    hub: 'https://hub.example.edu/',
    via: 'jupyterhub',
    content: { cloneUrl: 'https://gitlab.com/g/p', branch: 'course/week 1', path: 'w1/ex 1.ipynb' },
    iface: 'classic',
  });
  assertCleanUrl(url);
  assert.match(url, /^https:\/\/hub\.example\.edu\/hub\/user-redirect\/git-pull\?repo=/);
  const pull = parseGitPull(url);
  assert.equal(
    [pull.hub, pull.repo, pull.branch],
    ['https://hub.example.edu', 'https://gitlab.com/g/p', 'course/week 1'],
  );
  assert.equal(resolveUrlpath(pull.urlpath ?? ''), { iface: 'classic', path: 'p/w1/ex 1.ipynb', query: '' });
});

puller('whole build (no path) opens the cloned folder; no env falls back to the content repo', () => {
  const url = nbgitpullerUrl({
    hub: HUB,
    via: 'binder',
    content: { cloneUrl: 'https://codeberg.org/x/y.git', branch: 'b', path: '' },
    iface: 'lab',
  });
  const outer = parseBinderUrl(url);
  assert.equal([outer.provider, outer.ref], ['git', 'b']);
  const pull = parseGitPull(outer.urlpath ?? '');
  assert.equal(resolveUrlpath(pull.urlpath ?? ''), { iface: 'lab', path: 'y.git', query: '' });
});

puller("VS Code opens the folder nbgitpuller pulls into, not the environment's home", () => {
  const url = nbgitpullerUrl({
    hub: HUB,
    via: 'binder',
    env: { repo: GH, ref: 'abc' },
    content: { cloneUrl: 'https://github.com/o/content', branch: 'main', path: 'a.ipynb' },
    iface: 'vscode',
  });
  const pull = parseGitPull(parseBinderUrl(url).urlpath ?? '');
  assert.equal(resolveUrlpath(pull.urlpath ?? ''), {
    iface: 'vscode',
    path: '',
    query: 'folder=%2Fhome%2Fjovyan%2Fcontent',
  });
});

puller.run();

test('colabUrl', () => {
  assert.is(
    colabUrl('octo', 'notes', 'abc123', 'lessons/01 intro.ipynb'),
    'https://colab.research.google.com/github/octo/notes/blob/abc123/lessons/01%20intro.ipynb',
  );
  assertCleanUrl(colabUrl('o', 'r', 'ünï/ça', '#x?.ipynb'));
});

test('cloneUrlOf', () => {
  assert.is(cloneUrlOf(GH), 'https://github.com/octo/notes');
  assert.is(cloneUrlOf(GL), 'https://gitlab.com/group/sub/project');
  assert.is(cloneUrlOf(GIT), 'https://codeberg.org/someone/lessons.git');
});

test('sourceUrl', () => {
  assert.is(sourceUrl(GH, 'abc', 'a b/c.ipynb'), 'https://github.com/octo/notes/blob/abc/a%20b/c.ipynb');
  assert.is(sourceUrl(GL, 'x/y', 'c#.ipynb'), 'https://gitlab.com/group/sub/project/-/blob/x/y/c%23.ipynb');
  assert.is(sourceUrl(GIT, 'abc', 'c.ipynb'), undefined);
});

test('hubBadgeUrl', () => {
  assert.is(hubBadgeUrl('https://mybinder.org/'), 'https://mybinder.org/badge_logo.svg');
  assert.is(hubBadgeUrl('https://h.example.org/binder'), 'https://h.example.org/binder/badge_logo.svg');
});

test.run();
