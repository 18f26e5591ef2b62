// What Binder (repo2docker) will build for a branch, read from its environment files with
// repo2docker's rules: a `binder/` or `.binder/` folder hides the root's files; a Dockerfile
// overrides everything; then Project.toml, REQUIRE, default.nix, install.R/DESCRIPTION,
// environment.yml, Pipfile, requirements.txt/setup.py/pyproject.toml; apt.txt, postBuild and
// start apply to all but a Dockerfile. Pure.
import type { RuleId } from '../rules.js';
import type { Diagnostic, SourceFile } from '../types.js';
import {
  parseEnvironmentYml,
  parsePipfile,
  parsePipfileLock,
  parsePyproject,
  parseRequirements,
  parseRuntime,
  tomlTableKeys,
  type Parsed,
} from './env-parsers.js';
import {
  hasSetE,
  isShellScript,
  parseAptTxt,
  parseDockerfileBase,
  parseInstallR,
  parsePostBuildInstalls,
} from './env-scripts.js';

export { findImports, missingImports, writtenModules } from './imports.js';

export type EnvironmentKind = 'dockerfile' | 'julia' | 'nix' | 'r' | 'conda' | 'pipfile' | 'python' | 'default';

export interface EnvironmentInfo {
  readonly branch: string;
  /** Folder the files are read from: '' (the root), `binder` or `.binder`. */
  readonly dir: '' | 'binder' | '.binder';
  /** The repo2docker buildpack that applies; `default` = its default Python image. */
  readonly kind: EnvironmentKind;
  /** Paths of the files that apply, in precedence order. */
  readonly files: readonly string[];
  readonly python?: string;
  readonly r?: string;
  /** CRAN snapshot date of runtime.txt `r-…-YYYY-MM-DD`. */
  readonly rSnapshot?: string;
  /** Packages the files name (pip, conda, Pipfile, Julia and R), as written. */
  readonly packages: readonly string[];
  readonly apt: readonly string[];
  readonly postBuild?: string;
  /** A Dockerfile's base image (`FROM` of its final stage). */
  readonly baseImage?: string;
  /** False when something installs packages that cannot be named (`-r`, setup.py, `pip install .`). */
  readonly complete: boolean;
  /** Importable names the repository itself provides (`*.py` modules and folders). */
  readonly localModules: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Context {
  readonly branch: string;
  readonly dir: EnvironmentInfo['dir'];
  readonly texts: ReadonlyMap<string, string>;
  readonly diagnostics: Diagnostic[];
}

interface Main extends Partial<Parsed> {
  readonly kind: EnvironmentKind;
  readonly files: readonly string[];
  readonly baseImage?: string;
}

const utf8 = new TextDecoder('utf-8');

function at(ctx: Context, name: string): string {
  return ctx.dir ? `${ctx.dir}/${name}` : name;
}

function warn(
  ctx: Context,
  rule: RuleId,
  name: string,
  message: string,
  hint: string,
  severity: Diagnostic['severity'] = 'warning',
): void {
  ctx.diagnostics.push({ rule, severity, branch: ctx.branch, path: name ? at(ctx, name) : '', message, hint });
}

function pickDir(branch: string, paths: readonly string[], diagnostics: Diagnostic[]): EnvironmentInfo['dir'] {
  const binder = paths.some((p) => p.startsWith('binder/'));
  const dotBinder = paths.some((p) => p.startsWith('.binder/'));
  if (binder && dotBinder) {
    diagnostics.push({
      rule: 'env-both-binder-dirs',
      severity: 'error',
      branch,
      path: '',
      message: 'both binder/ and .binder/ exist: repo2docker refuses to build such a repository',
      hint: 'keep one of the two folders (binder/ is described here)',
    });
  }
  return binder ? 'binder' : dotBinder ? '.binder' : '';
}

/** Parses a file if it is there, reporting a parse error as a diagnostic. */
function parsed(ctx: Context, name: string, parse: (text: string) => Parsed): Parsed | undefined {
  const text = ctx.texts.get(name);
  if (text === undefined) return undefined;
  const result = parse(text);
  if (result.error)
    warn(
      ctx,
      'env-invalid-file',
      name,
      `${name} cannot be read: ${result.error}`,
      'fix the file: Binder will fail to build it',
    );
  return result;
}

function merge(
  kind: EnvironmentKind,
  ctx: Context,
  names: readonly string[],
  parts: readonly (Parsed | undefined)[],
  python?: string,
): Main {
  const present = parts.filter((p): p is Parsed => p !== undefined);
  const packages = present.flatMap((p) => p.packages);
  const opaque = present.some((p) => p.opaque);
  const files = names.filter((name) => ctx.texts.has(name)).map((name) => at(ctx, name));
  const pin = python ?? present.find((p) => p.python)?.python;
  return pin ? { kind, files, packages, opaque, python: pin } : { kind, files, packages, opaque };
}

function pythonMain(ctx: Context): Main {
  const root = ctx.dir === '';
  const requirements = parsed(ctx, 'requirements.txt', parseRequirements);
  const pyproject = root ? parsed(ctx, 'pyproject.toml', parsePyproject) : undefined;
  const setup = root && ctx.texts.has('setup.py') ? { packages: [], opaque: true } : undefined;
  const names = ['requirements.txt', ...(root ? ['setup.py', 'pyproject.toml'] : [])];
  const anything = requirements ?? pyproject ?? setup;
  return merge(anything ? 'python' : 'default', ctx, names, [requirements, setup, pyproject]);
}

function describeMain(ctx: Context, runtime: ReturnType<typeof parseRuntime>): Main {
  const has = (name: string) => ctx.texts.has(name);
  const rootOnly = (name: string) => ctx.dir === '' && has(name);
  if (has('Dockerfile')) {
    const baseImage = parseDockerfileBase(ctx.texts.get('Dockerfile') ?? '');
    if (!baseImage)
      warn(
        ctx,
        'env-invalid-file',
        'Dockerfile',
        'Dockerfile has no FROM line',
        'start the Dockerfile with FROM <image>',
      );
    const main: Main = { kind: 'dockerfile', files: [at(ctx, 'Dockerfile')], packages: [], opaque: true };
    return baseImage ? { ...main, baseImage } : main;
  }
  const withPip = (kind: EnvironmentKind, names: string[], extra: string[]): Main => {
    const main = merge(kind, ctx, [...names, 'requirements.txt'], [parsed(ctx, 'requirements.txt', parseRequirements)]);
    return { ...main, packages: [...extra, ...(main.packages ?? [])] };
  };
  if (has('Project.toml'))
    return withPip('julia', ['Project.toml'], tomlTableKeys(ctx.texts.get('Project.toml') ?? '', ['deps']).keys);
  if (has('REQUIRE'))
    return withPip(
      'julia',
      ['REQUIRE'],
      (ctx.texts.get('REQUIRE') ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim().split(/\s+/)[0] ?? '')
        .filter((n) => n && n !== 'julia'),
    );
  if (has('default.nix')) return { kind: 'nix', files: [at(ctx, 'default.nix')], packages: [], opaque: true };
  if (has('install.R') || rootOnly('DESCRIPTION') || runtime.rSnapshot) {
    return withPip(
      'r',
      ['install.R', ...(ctx.dir === '' ? ['DESCRIPTION'] : [])],
      parseInstallR(ctx.texts.get('install.R') ?? ''),
    );
  }
  const yml = has('environment.yml') ? 'environment.yml' : has('environment.yaml') ? 'environment.yaml' : undefined;
  if (yml) return merge('conda', ctx, [yml], [parsed(ctx, yml, parseEnvironmentYml)]);
  if (has('Pipfile.lock'))
    return merge('pipfile', ctx, ['Pipfile.lock', 'Pipfile'], [parsed(ctx, 'Pipfile.lock', parsePipfileLock)]);
  if (has('Pipfile')) return merge('pipfile', ctx, ['Pipfile'], [parsed(ctx, 'Pipfile', parsePipfile)]);
  return pythonMain(ctx);
}

/** Importable names a branch provides itself: its `*.py` modules and its folders. */
export function localModules(paths: readonly string[]): string[] {
  const names = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/');
    const file = segments.pop() ?? '';
    for (const dir of segments) names.add(dir);
    if (file.endsWith('.py')) names.add(file.slice(0, -3));
  }
  return [...names].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !/^__.*__$/.test(n)).sort();
}

/** Applies runtime.txt: R versions for R, a Python version unless the main file pins one. */
function applyRuntime(
  ctx: Context,
  main: Main,
  runtime: ReturnType<typeof parseRuntime>,
): Partial<EnvironmentInfo> & { files: string[] } {
  if (!ctx.texts.has('runtime.txt') || main.kind === 'dockerfile' || main.kind === 'nix') return { files: [] };
  const file = [at(ctx, 'runtime.txt')];
  if (!runtime.python && !runtime.rSnapshot) {
    warn(
      ctx,
      'env-invalid-file',
      'runtime.txt',
      'runtime.txt is neither `python-X.Y` nor `r-X.Y-YYYY-MM-DD`',
      'write e.g. python-3.11 or r-4.3-2024-01-10 on its first line',
    );
    return { files: [] };
  }
  if (main.kind === 'r' && runtime.rSnapshot)
    return { files: file, ...(runtime.r ? { r: runtime.r } : {}), rSnapshot: runtime.rSnapshot };
  if (!runtime.python) return { files: [] };
  if (main.python && main.kind === 'conda') {
    warn(
      ctx,
      'env-runtime-overridden',
      'runtime.txt',
      `runtime.txt asks for Python ${runtime.python}, but environment.yml pins Python ${main.python}, which wins`,
      'pin Python in one place only',
    );
    return { files: [] };
  }
  return main.python ? { files: [] } : { files: file, python: runtime.python };
}

function describePostBuild(ctx: Context, text: string): Parsed {
  if (!isShellScript(text)) return { packages: [], opaque: false };
  if (!hasSetE(text)) {
    warn(
      ctx,
      'env-postbuild-no-set-e',
      'postBuild',
      'postBuild does not stop at the first failing command',
      'put `set -euo pipefail` at the top of postBuild, or Binder may build a broken image without telling',
    );
  }
  return parsePostBuildInstalls(text);
}

function reportIgnored(ctx: Context, envFiles: readonly SourceFile[], used: readonly string[]): void {
  for (const file of envFiles) {
    if (used.includes(file.path) || ctx.diagnostics.some((d) => d.path === file.path)) continue;
    const outside = ctx.dir !== '' && !file.path.startsWith(`${ctx.dir}/`);
    const why = outside
      ? `${ctx.dir}/ exists, so repo2docker reads only that folder`
      : 'another environment file takes precedence';
    ctx.diagnostics.push({
      rule: 'env-file-ignored',
      severity: 'info',
      branch: ctx.branch,
      path: file.path,
      message: `Binder ignores ${file.path}: ${why}`,
      hint: 'move or delete the file if you expected it to apply',
    });
  }
}

/** Describes the Binder environment of one branch from its environment files and all its paths. */
export function describeEnvironment(
  branch: string,
  envFiles: readonly SourceFile[],
  paths: readonly string[],
): EnvironmentInfo {
  const diagnostics: Diagnostic[] = [];
  const dir = pickDir(branch, paths, diagnostics);
  const texts = new Map<string, string>();
  for (const file of envFiles) {
    const name = dir ? file.path.slice(dir.length + 1) : file.path;
    if ((dir ? file.path.startsWith(`${dir}/`) : true) && !name.includes('/'))
      texts.set(name, utf8.decode(file.bytes).replace(/^\uFEFF/, ''));
  }
  const ctx: Context = { branch, dir, texts, diagnostics };
  const runtime = texts.has('runtime.txt') ? parseRuntime(texts.get('runtime.txt') ?? '') : {};
  const main = describeMain(ctx, runtime);
  const rt = applyRuntime(ctx, main, runtime);
  const dockerfile = main.kind === 'dockerfile';
  const postBuildText = dockerfile ? undefined : texts.get('postBuild');
  const post = postBuildText === undefined ? undefined : describePostBuild(ctx, postBuildText);
  const always = dockerfile ? [] : ['apt.txt', 'postBuild', 'start'].filter((n) => texts.has(n)).map((n) => at(ctx, n));
  const files = [...main.files, ...rt.files, ...always];
  reportIgnored(ctx, envFiles, files);
  if (files.length === 0) {
    warn(
      ctx,
      'env-none',
      '',
      'no Binder environment files: Binder will use its default image',
      'add a requirements.txt or environment.yml that lists the packages the notebooks import',
    );
  }
  const python = main.python ?? rt.python;
  const kind = main.kind === 'default' && rt.python ? 'python' : main.kind;
  return {
    branch,
    dir,
    kind,
    files,
    ...(python ? { python } : {}),
    ...(rt.r ? { r: rt.r } : {}),
    ...(rt.rSnapshot ? { rSnapshot: rt.rSnapshot } : {}),
    packages: [...(main.packages ?? []), ...(post?.packages ?? [])],
    apt: dockerfile || !texts.has('apt.txt') ? [] : parseAptTxt(texts.get('apt.txt') ?? ''),
    ...(postBuildText !== undefined ? { postBuild: postBuildText } : {}),
    ...(main.baseImage ? { baseImage: main.baseImage } : {}),
    complete: !main.opaque && !post?.opaque,
    localModules: localModules(paths),
    diagnostics: diagnostics.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}
