// `binderpress init`: a commented starter binderpress.yml and, on request, CI that builds and
// deploys the site (GitHub Actions → GitHub Pages, GitLab CI → GitLab Pages). An existing file is
// never overwritten without --force; with it, only the file of that name is replaced.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BinderpressError } from '../io/errors.js';
import { CONFIG_NAMES } from '../io/config-file.js';
import { BUILTIN_TEMPLATES } from '../io/templates.js';
import { STARTER_CONFIG } from './starter-config.js';

export interface InitOptions {
  /** Also write `.github/workflows/binderpress.yml`. */
  readonly github?: boolean;
  /** Also write `.gitlab-ci.yml`. */
  readonly gitlab?: boolean;
  /** Replace files that exist. */
  readonly force?: boolean;
  /** Says which files were left alone and why. */
  readonly log?: (line: string) => void;
}

export const GITHUB_WORKFLOW = '.github/workflows/binderpress.yml';
export const GITLAB_CI = '.gitlab-ci.yml';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(BUILTIN_TEMPLATES, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** A CI template from templates/ci/, pinned to this version of binderpress. */
function ciTemplate(name: 'github-pages.yml' | 'gitlab-ci.yml'): string {
  return readFileSync(join(BUILTIN_TEMPLATES, 'ci', name), 'utf8').replaceAll(
    '__BINDERPRESS_VERSION__',
    packageVersion(),
  );
}

/** What a build writes into the repository's folder and git should not track. */
const IGNORED = ['public/', '.cache/'];

/**
 * Adds the output and cache folders to `.gitignore` (made when missing) unless a line already
 * ignores them (`public`, `/public/` …). True when the file was changed.
 */
function addToGitignore(cwd: string, log: (line: string) => void): boolean {
  const path = join(cwd, '.gitignore');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = new Set(text.split(/\r?\n/).map((l) => l.trim().replace(/^\//, '').replace(/\/$/, '')));
  const missing = IGNORED.filter((folder) => !lines.has(folder.replace(/\/$/, '')));
  if (missing.length === 0) return false;
  const before = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  writeFileSync(path, `${before}# binderpress: the built site and the render cache\n${missing.join('\n')}\n`);
  log(`added ${missing.join(' and ')} to .gitignore`);
  return true;
}

/** Writes the starter files into `cwd`; returns the paths written (relative to `cwd`). */
export async function runInit(cwd: string, opts: InitOptions = {}): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const files: { path: string; content: () => string }[] = [
    { path: CONFIG_NAMES[0] as string, content: () => STARTER_CONFIG },
  ];
  if (opts.github) files.push({ path: GITHUB_WORKFLOW, content: () => ciTemplate('github-pages.yml') });
  if (opts.gitlab) files.push({ path: GITLAB_CI, content: () => ciTemplate('gitlab-ci.yml') });

  const otherConfig = CONFIG_NAMES.slice(1).find((name) => existsSync(join(cwd, name)));
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const target = resolve(cwd, file.path);
    if (file.path === CONFIG_NAMES[0] && otherConfig) {
      log(`kept ${otherConfig}: it is the config file already (a new ${file.path} would replace it)`);
      kept.push(otherConfig);
      continue;
    }
    if (existsSync(target) && !opts.force) {
      log(`kept ${file.path}: it exists (pass --force to replace it)`);
      kept.push(file.path);
      continue;
    }
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content(), { flag: opts.force ? 'w' : 'wx' });
    } catch (cause) {
      throw new BinderpressError(`cannot write ${target}: ${(cause as Error).message}`, {
        hint: 'run binderpress init in a folder you can write to',
        cause,
      });
    }
    written.push(file.path);
  }
  if (addToGitignore(cwd, log)) written.push('.gitignore');
  if (written.length === 0) {
    throw new BinderpressError(
      `nothing written: ${kept.join(', ')} ${kept.length === 1 ? 'exists' : 'exist'} already`,
      {
        hint: 'pass --force to replace them, or --github / --gitlab to add CI files',
      },
    );
  }
  return written;
}
