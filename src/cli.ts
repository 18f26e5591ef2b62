// `binderpress build | publish | serve | init`: argv → config → command. Only this module sets
// the exit code (returned from `main`), from the one table in io/errors.ts (`EXIT`).
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { resolveConfig, type CliOverrides, type Config, type ConfigFile } from './config.js';
import { projectRoot } from './io/project-root.js';
import { build, type BuildResult } from './build.js';
import { parseArgs, type FlagKind } from './cli-args.js';
import { isExecuteMode, type ExecuteMode } from './execute/settings.js';
import { BinderpressError, EXIT } from './io/errors.js';
import { CONFIG_NAMES, findConfigFile, loadConfigFile } from './io/config-file.js';
import { diagnosticLines, summarize } from './io/report.js';
import { createProgress, progressMode, type Progress } from './io/progress.js';

const BUILD_FLAGS: Record<string, FlagKind> = {
  repo: 'string',
  dir: 'string',
  branches: 'list',
  out: 'string',
  'site-url': 'string',
  config: 'string',
  strict: 'boolean',
  quiet: 'boolean',
  cache: 'string',
  'no-cache': 'boolean',
  jobs: 'string',
  execute: 'string',
  'force-out': 'boolean',
  help: 'boolean',
  version: 'boolean',
};
const FLAGS: Record<string, Record<string, FlagKind>> = {
  build: BUILD_FLAGS,
  publish: {
    ...BUILD_FLAGS,
    branch: 'string',
    push: 'optional-string',
    keep: 'list',
    force: 'boolean',
    message: 'string',
  },
  serve: { ...BUILD_FLAGS, port: 'string', host: 'string', 'watch-worktree': 'boolean' },
  init: { github: 'boolean', gitlab: 'boolean', force: 'boolean', help: 'boolean' },
};

export const HELP = `binderpress: Jupyter notebooks from every branch of a git repository, as a static site with feeds and Binder links

Usage:
  binderpress build   [--repo DIR | --dir DIR] [--branches PATTERN ...] [--out DIR] [--site-url URL]
                      [--config FILE] [--strict] [--quiet] [--cache DIR | --no-cache] [--jobs N] [--execute MODE] [--force-out]
  binderpress publish [build options] [--branch NAME] [--push [REMOTE]] [--keep PATH ...] [--force]
  binderpress serve   [build options] [--port N] [--host ADDR] [--watch-worktree]
  binderpress init    [--github] [--gitlab] [--force]

  --repo DIR          git repository to read (default: .)
  --dir DIR           build plain folders instead: each subfolder of DIR is a build (DIR itself when
                      it holds notebooks and no subfolder)
  --branches P ...    branch names or globs, e.g. --branches main 'course/*' (default: every branch:
                      local ones, and origin's that have no local branch of their name)
  --out DIR           output folder, replaced whole on each build (default: public)
  --site-url URL      public address of the site, e.g. https://owner.github.io/repo/
  --config FILE       config file (default: binderpress.yml or binderpress.json here)
  --strict            exit with 1 when any notebook has a problem
  --quiet             print nothing but errors (no progress, no summary)
  --cache DIR         reuse rendered notebooks, diagrams and images across builds (default: .cache/binderpress);
                      the folder can be shared between CI runs; a damaged entry is detected and redone
  --no-cache          keep nothing between builds
  --jobs N            render in N processes (default: one per core)
  --execute MODE      run notebooks in a Jupyter kernel before rendering: auto (those saved with
                      code and no outputs; default), always, never
  --force-out         replace --out even if it holds files binderpress did not write

  publish --branch NAME   branch the site is committed to (default: gh-pages)
  publish --push [REMOTE] push that branch afterwards (default remote: origin); never forced
  publish --keep PATH ... files of the published site to keep (CNAME always is)
  publish --force         publish even when it removes builds the published site holds

Exit codes:
  0  done
  1  problems under --strict, or output lost to a collision (nothing is published)
  2  could not build or do what was asked (bad input, config or usage)
  3  publish refused to protect the published site (it would remove builds, or another
     publish landed meanwhile); nothing was changed
  4  the site was committed, but the push failed`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function configFromArgs(
  flags: Readonly<Record<string, string | boolean | string[]>>,
  cwd = process.cwd(),
): Config {
  // Run from a subfolder of a repository, the repository's root is where the config and output are.
  const root = projectRoot(
    cwd,
    ['repo', 'dir', 'config'].some((k) => flags[k] !== undefined),
  );
  const found = loadConfigFile(
    findConfigFile(root, typeof flags.config === 'string' ? resolve(cwd, flags.config) : undefined),
  );
  const file = root === cwd ? found : withPathsFrom(root, found);
  const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  const siteUrl = str('site-url');
  if (siteUrl !== undefined && !(/^https?:\/\//i.test(siteUrl) && URL.canParse(siteUrl))) {
    throw new BinderpressError(`--site-url ${siteUrl} is not an absolute http(s) URL`, {
      hint: 'for example --site-url https://owner.github.io/repo/',
    });
  }
  const overrides: CliOverrides = {
    ...(str('repo') ? { repo: str('repo') } : {}),
    ...(str('dir') ? { dir: str('dir') } : {}),
    ...(Array.isArray(flags.branches) ? { branches: flags.branches } : {}),
    ...(str('out') ? { out: str('out') } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    ...(flags.strict ? { strict: true } : {}),
    ...(flags.quiet ? { quiet: true } : {}),
    ...(flags['no-cache'] ? { cache: false as const } : str('cache') ? { cache: str('cache') } : {}),
    ...(flags['force-out'] ? { allowOutside: true } : {}),
    ...executeFlag(str('execute')),
  };
  const config = resolveConfig(file, overrides);
  if (root === cwd) return config;
  return {
    ...config,
    repo: overrides.repo ?? root,
    out: overrides.out ?? resolve(root, config.out),
    cache: overrides.cache ?? (config.cache && resolve(root, config.cache)),
  };
}

/** The folders a config file names, taken from `root` rather than where the command runs. */
function withPathsFrom(root: string, file: ConfigFile): ConfigFile {
  const at = (p: string | undefined) => (p === undefined ? undefined : resolve(root, p));
  return {
    ...file,
    ...(file.repo ? { repo: at(file.repo) } : {}),
    ...(file.dir ? { dir: at(file.dir) } : {}),
    ...(file.out ? { out: at(file.out) } : {}),
    ...(typeof file.cache === 'string' ? { cache: at(file.cache) } : {}),
    ...(file.templates ? { templates: at(file.templates) } : {}),
    ...(file.execute ? { execute: pythonFrom(root, file.execute) } : {}),
    ...(file.builds
      ? {
          builds: Object.fromEntries(
            Object.entries(file.builds).map(([k, b]) => [
              k,
              b.execute ? { ...b, execute: pythonFrom(root, b.execute) } : b,
            ]),
          ),
        }
      : {}),
  };
}

/** `execute.python` given as a path (`.venv/bin/python`, not a command on PATH) is the root's too. */
function pythonFrom<T extends ConfigFile['execute']>(root: string, execute: T): T {
  if (typeof execute !== 'object' || !execute?.python || !execute.python.includes('/')) return execute;
  return { ...execute, python: resolve(root, execute.python) };
}

/** `--execute MODE`, checked. */
function executeFlag(mode: string | undefined): { execute?: ExecuteMode } {
  if (mode === undefined) return {};
  if (!isExecuteMode(mode))
    throw new BinderpressError(`--execute ${mode} is not a mode`, {
      hint: 'use --execute auto (notebooks saved without outputs), always or never',
    });
  return { execute: mode };
}

/** Prints diagnostics and the summary; returns the exit code the build deserves. */
export function reportBuild(result: BuildResult, config: Config, err: (line: string) => void): number {
  for (const line of diagnosticLines(result.diagnostics, config.dir ? 'folder' : 'branch', config.quiet)) err(line);
  if (!config.quiet) err(summarize(result));
  if (result.failed) return EXIT.problems;
  if (config.strict && result.diagnostics.some((d) => d.severity !== 'info')) return EXIT.problems;
  return EXIT.ok;
}

export async function main(argv: readonly string[], io = { out: console.log, err: console.error }): Promise<number> {
  try {
    const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
    if (!command || command === 'help') {
      if (argv.includes('--version')) io.out(version());
      else io.out(HELP);
      return command || argv.includes('--help') || argv.includes('--version') ? EXIT.ok : EXIT.fatal;
    }
    const spec = FLAGS[command];
    if (!spec)
      throw new BinderpressError(`unknown command \`${command}\``, {
        hint: 'the commands are build, publish, serve and init; see `binderpress --help`',
      });
    const { flags } = parseArgs(argv.slice(1), spec);
    if (flags.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    return await runCommand(command, flags, io);
  } catch (error) {
    if (error instanceof BinderpressError) {
      io.err(`binderpress: ${error.message}`);
      if (error.hint) io.err(`  hint: ${error.hint.replace(/\n/g, '\n  ')}`);
      return error.code;
    }
    io.err(`binderpress: unexpected error: ${(error as Error).stack ?? String(error)}`);
    io.err('  hint: this is a bug in binderpress; please report it with the command you ran');
    return EXIT.fatal;
  }
}

/** `--jobs N`: a whole number of render processes, at least 1. */
export function jobsFlag(flags: Readonly<Record<string, string | boolean | string[]>>): { jobs?: number } {
  if (flags.jobs === undefined) return {};
  const jobs = typeof flags.jobs === 'string' && /^\d+$/.test(flags.jobs) ? Number(flags.jobs) : NaN;
  if (!(jobs >= 1))
    throw new BinderpressError(`--jobs ${String(flags.jobs)} is not a number of render processes`, {
      hint: 'for example --jobs 2',
    });
  return { jobs };
}

/** A progress bar on a terminal, a line per phase in CI or a pipe, nothing with --quiet. */
function buildProgress(quiet: boolean, io: { err: (l: string) => void }): Progress {
  const mode = progressMode(quiet, process.stderr, process.env);
  if (mode === 'tty' && io.err === console.error)
    return createProgress({ mode, write: (t) => process.stderr.write(t), columns: process.stderr.columns ?? 80 });
  return createProgress({ mode: mode === 'quiet' ? 'quiet' : 'lines', write: (t) => io.err(t.replace(/\n$/, '')) });
}

async function runCommand(
  command: string,
  flags: Readonly<Record<string, string | boolean | string[]>>,
  io: { out: (l: string) => void; err: (l: string) => void },
): Promise<number> {
  if (command === 'init') {
    const { runInit } = await import('./commands/init.js');
    const written = await runInit(process.cwd(), {
      github: !!flags.github,
      gitlab: !!flags.gitlab,
      force: !!flags.force,
      log: io.err,
    });
    for (const f of written) io.out(`wrote ${f}`);
    return EXIT.ok;
  }
  const config = configFromArgs(flags);
  const log = config.quiet ? () => {} : (line: string) => io.err(line);
  if (command === 'build') {
    const progress = buildProgress(config.quiet, io);
    const { selectSourceBranches } = await import('./commands/source-branches.js');
    const selected = await selectSourceBranches(config);
    for (const name of selected.excluded) log(`leaving out branch ${name}: it holds a published site, not notebooks`);
    const result = await build(selected.config, { log, progress, ...jobsFlag(flags) });
    progress.done();
    return reportBuild(result, config, io.err);
  }
  if (command === 'publish') {
    const { runPublish } = await import('./commands/publish.js');
    return runPublish(config, {
      branch: typeof flags.branch === 'string' ? flags.branch : 'gh-pages',
      ...(flags.push ? { push: typeof flags.push === 'string' ? flags.push : 'origin' } : {}),
      keep: Array.isArray(flags.keep) ? flags.keep : [],
      force: !!flags.force,
      ...(typeof flags.message === 'string' ? { message: flags.message } : {}),
      log,
      err: io.err,
    });
  }
  const { runServe } = await import('./commands/serve.js');
  const server = await runServe(config, {
    port: typeof flags.port === 'string' ? Number(flags.port) : 8080,
    host: typeof flags.host === 'string' ? flags.host : '127.0.0.1',
    watchWorktree: !!flags['watch-worktree'],
    log,
    configFiles: typeof flags.config === 'string' ? [resolve(flags.config)] : CONFIG_NAMES.map((name) => resolve(name)),
    readConfig: () => configFromArgs(flags),
  });
  io.out(`serving ${server.url} (Ctrl-C to stop)`);
  await new Promise<void>((done) => process.once('SIGINT', () => void server.close().then(done)));
  return EXIT.ok;
}
