#!/usr/bin/env node
// Makes a git repository with one branch per folder of content/ (the demo builds), with fixed
// commit dates so every run gives the same commits and the same site.
// Usage: node scripts/make-demo-repo.js [TARGET_DIR]   (default: .demo/repo)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function makeDemoRepo(target = join(root, '.demo', 'repo')) {
  const content = join(root, 'content');
  const builds = readdirSync(content)
    .filter((name) => statSync(join(content, name)).isDirectory())
    .sort();
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const git = (args, env = {}) =>
    execFileSync('git', args, {
      cwd: target,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'binderpress demo',
        GIT_AUTHOR_EMAIL: 'demo@binderpress.invalid',
        GIT_COMMITTER_NAME: 'binderpress demo',
        GIT_COMMITTER_EMAIL: 'demo@binderpress.invalid',
        ...env,
      },
    }).toString();
  git(['init', '-q', '-b', 'main']);
  git(['remote', 'add', 'origin', 'https://github.com/binderpress/binderpress-demo.git']);
  // An empty first commit on main that every build branch starts from.
  const day = (n) => `2026-10-${String(n).padStart(2, '0')}T09:00:00+00:00`;
  git(['commit', '-q', '--allow-empty', '-m', 'Start the demo repository'], {
    GIT_AUTHOR_DATE: day(1),
    GIT_COMMITTER_DATE: day(1),
  });
  builds.forEach((build, i) => {
    git(['checkout', '-q', '--orphan', build]);
    git(['rm', '-rq', '--cached', '--ignore-unmatch', '.']);
    for (const entry of readdirSync(target))
      if (entry !== '.git') rmSync(join(target, entry), { recursive: true, force: true });
    cpSync(join(content, build), target, { recursive: true });
    git(['add', '-A']);
    const date = day(2 + i * 3);
    git(['commit', '-q', '-m', `Add the ${build} build`], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  });
  git(['checkout', '-q', builds[0] ?? 'main']);
  if (builds.length) git(['branch', '-q', '-D', 'main']);
  return { repo: target, branches: builds };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { repo, branches } = makeDemoRepo(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`demo repository ${repo} with branches: ${branches.join(', ')}`);
  if (!existsSync(join(repo, '.git'))) process.exitCode = 1;
}
