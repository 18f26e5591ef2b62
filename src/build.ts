// The build, top to bottom: sources (listed, not read) → pass 1: each notebook from the render
// cache, or read, parsed, drawn and rendered (batches, in render processes) → site model
// → pass 2: pages, feeds and files planned, their bytes made as they are written → atomic write
// (nothing at all when the output already holds this site). Memory holds one summary per notebook.
import { resolve } from 'node:path';
import { applyRuleLevels, uniqueDiagnostics } from './diagnostic-list.js';
import type { Config } from './config.js';
import { createProgress, type Progress } from './io/progress.js';
import { openRenderStore, openWritableStore } from './io/render-cache.js';
import { loadTemplates } from './io/templates.js';
import { staticFiles } from './io/static-files.js';
import { writeSiteFiles } from './io/write-site.js';
import type { BatchRenderer } from './pipeline/batch-renderer.js';
import { leaveOutEmptyBuilds, nothingToBuild } from './pipeline/empty-builds.js';
import { DamagedCacheError } from './pipeline/entry-store.js';
import { checkImports } from './pipeline/imports-check.js';
import { duplicateTitles } from './pipeline/duplicate-titles.js';
import { dropNotebookCollisions } from './pipeline/notebook-collisions.js';
import { dropUnwritablePaths, planOutput } from './pipeline/plan-output.js';
import { renderPass, type BuildSummary } from './pipeline/render-pass.js';
import { readSources, type LazyBuild, type Sources } from './pipeline/read-sources.js';
import { planSiteFiles } from './pipeline/site-pass.js';
import { readEnvironmentBranches } from './source/env-branch.js';
import { buildEnvironment, type BuildEnvironment } from './pipeline/build-environment.js';
import { findCname, type PublishTarget } from './source/site-cname.js';
import { environmentFor, environmentPlace } from './site/environment-repo.js';
import { executeNotebooks, type ExecuteCounts } from './execute/execute-pass.js';
import { buildSlug } from './site/paths.js';
import { chooseSiteUrl, outputCname } from './site/site-url.js';
import {
  assembleSite,
  buildSettings,
  launchNotices,
  type PreparedBuild,
  type PreparedNotebook,
} from './site/site-model.js';
import type { BranchRef, Diagnostic } from './types.js';
import { measureStaticAssets, type StaticSize } from './site/asset-size.js';
import { orderFromToc } from './site/toc.js';

export interface BuildResult {
  readonly outDir: string;
  /** The site URL the pages were made for (absolute links, such as the 404 page's, start with it). */
  readonly siteUrl: string;
  /** The branches (or folders) the site holds: those with a notebook that could be read. */
  readonly builds: readonly BranchRef[];
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
  /** True when the output is incomplete: a branch or notebook lost to a collision. */
  readonly failed: boolean;
  readonly notebooks: { readonly rendered: number; readonly cached: number; readonly skipped: number };
  /** Cells of the notebooks rendered: rendered, and reused from a cell rendered before. */
  readonly cells?: { readonly rendered: number; readonly reused: number };
  /** Notebooks executed in a kernel, with outputs from the execution cache, and whose run failed. */
  readonly executed?: ExecuteCounts;
  /** Files written (the others were unchanged and linked); 0 when the output was not touched. */
  readonly written: number;
  /** Weight of the theme's CSS and JS, for the summary. */
  readonly staticSize?: StaticSize;
  readonly durationMs: number;
}

export interface BuildOptions {
  readonly log?: (line: string) => void;
  readonly progress?: Progress;
  /** Render processes (and kernels at once); default: the cores available. */
  readonly jobs?: number;
  /** `false` renders every cell (tests compare the site with cells reused against it). */
  readonly cellReuse?: boolean;
  /** Where `publish` commits the site: its `CNAME` file names the site's address (default: gh-pages of origin). */
  readonly publishTo?: PublishTarget;
}

/**
 * Two branches (or `--dir` folders: `kind`) that map to one output folder: keep the one HEAD
 * names, else the first by name; report both.
 */
function dropSlugCollisions(
  builds: readonly LazyBuild[],
  kind: 'branch' | 'folder',
  headBranch?: string,
): { builds: LazyBuild[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  // The branch HEAD names (the default one) is kept first; the others in name order.
  const order = [
    ...builds.filter((b) => b.branch.name === headBranch),
    ...builds.filter((b) => b.branch.name !== headBranch),
  ];
  const kept = new Set(
    order.filter((b) => {
      const slug = buildSlug(b.branch.name);
      const other = seen.get(slug);
      if (other === undefined) {
        seen.set(slug, b.branch.name);
        return true;
      }
      diagnostics.push({
        rule: 'output-collision',
        severity: 'error',
        branch: b.branch.name,
        path: '',
        message: `${kind === 'folder' ? 'folders' : 'branches'} \`${other}\` and \`${b.branch.name}\` would both be published in the folder ${slug}/; \`${b.branch.name}\` is left out`,
        hint: `rename one of the ${kind === 'folder' ? 'folders' : 'branches'}, or choose with --branches which one to build`,
      });
      return false;
    }),
  );
  return { builds: builds.filter((b) => kept.has(b)), diagnostics };
}

const NO_REPOSITORY: Diagnostic = {
  rule: 'binder-no-repository',
  severity: 'warning',
  branch: '',
  path: '',
  message: 'no repository is known, so pages have no "Run this" Binder links',
  hint: 'add an `origin` remote, or set `repository: owner/repo` in binderpress.yml',
};

export async function build(config: Config, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await buildOnce(config, options);
      return { ...result, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (!(error instanceof DamagedCacheError) || attempt >= 3 || !config.cache) throw error;
      const store = openRenderStore(resolve(config.cache, 'render'));
      for (const r of error.records) store.forget(r.kind, r.key);
      (options.progress ?? { log: options.log ?? (() => {}) }).log(error.message);
    }
  }
}

async function buildOnce(config: Config, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const progress =
    options.progress ??
    createProgress({ mode: options.log ? 'lines' : 'quiet', write: (t) => options.log?.(t.replace(/\n$/, '')) });
  const diagnostics: Diagnostic[] = [];
  progress.phase('reading sources');
  const sources = await readSources(config, (l) => progress.log(l));
  const { store, unwritable } = config.cache
    ? openWritableStore(resolve(config.cache, 'render'))
    : { store: openRenderStore(undefined), unwritable: undefined };
  if (unwritable !== undefined) {
    diagnostics.push({
      rule: 'cache-unwritable',
      severity: 'warning',
      branch: '',
      path: '',
      message: `the cache folder ${config.cache} cannot be written (${unwritable}); this build renders everything without it`,
      hint: 'make the folder writable, choose another with --cache DIR, or pass --no-cache',
    });
  }
  try {
    const nonEmpty = leaveOutEmptyBuilds(sources.builds, sources.plainFolders);
    diagnostics.push(...nonEmpty.diagnostics);
    const withNotebooks = nonEmpty.builds;
    if (withNotebooks.length === 0) throw await nothingToBuild(config, sources.builds);
    const cname = config.siteUrl ? undefined : await findCname(config.repo, options.publishTo);
    const chosen = chooseSiteUrl(config.siteUrl, sources.repo, cname);
    diagnostics.push(...chosen.diagnostics);
    const siteUrl = chosen.url;
    const distinct = dropSlugCollisions(withNotebooks, sources.plainFolders ? 'folder' : 'branch', sources.headBranch);
    diagnostics.push(...distinct.diagnostics);
    const builds = distinct.builds.flatMap((b) => {
      const writable = dropUnwritablePaths(b);
      diagnostics.push(...writable.diagnostics);
      if (!writable.build) return [];
      const distinctPages = dropNotebookCollisions(writable.build);
      diagnostics.push(...distinctPages.diagnostics);
      return [distinctPages.build];
    });
    diagnostics.push(...sources.diagnostics);
    for (const b of builds) diagnostics.push(...b.diagnostics);
    if (!sources.repo) diagnostics.push(NO_REPOSITORY);
    // Without a writable cache, the diagram and image caches (beside the render cache) are off too.
    const usable = unwritable === undefined ? config : { ...config, cache: false as const };
    const executed = await executeNotebooks(builds, usable, { jobs: await jobsOf(options), progress });
    diagnostics.push(...executed.diagnostics);
    const pass = await renderWith(executed.builds, usable, options, store, progress);
    for (const b of pass.builds) for (const n of b.notebooks) diagnostics.push(...n.diagnostics);
    diagnostics.push(...pass.diagnostics);
    const places = new Map(
      pass.builds.map((b) => [
        b.build.branch.name,
        environmentPlace(buildSettings(config, b.build.branch.name).binder, b.build.branch.name, sources.repo),
      ]),
    );
    const envBranches = await readEnvironmentBranches(
      config.repo,
      [...places.values()].flatMap((p) => (p?.kind === 'branch' ? [p.branch] : [])),
    );
    const prepared = pass.builds.map((b) => {
      const place = places.get(b.build.branch.name);
      const made = prepareBuild(
        b,
        sources,
        buildEnvironment(b.build, place, place?.kind === 'branch' ? envBranches.get(place.branch) : undefined),
      );
      diagnostics.push(...made.diagnostics);
      return made.build;
    });
    progress.phase('assembling pages and feeds');
    const siteInput = {
      config,
      siteUrl,
      ...(sources.repo ? { repo: sources.repo } : {}),
      environmentRepo: environmentFor(sources),
      builds: prepared,
    };
    diagnostics.push(...launchNotices(siteInput));
    const { site, diagnostics: tagWarnings } = assembleSite(siteInput);
    diagnostics.push(...tagWarnings);
    const statics = staticFiles(
      config.templates,
      diagnostics,
      new Set(pass.builds.flatMap((b) => b.notebooks.flatMap((n) => n.entry.scripts ?? []))),
    );
    const planned = planSiteFiles({
      config,
      site,
      summaries: pass.builds,
      store,
      templates: await loadTemplates(config.templates),
      staticFiles: statics,
    });
    const cnameText = outputCname(siteUrl, cname);
    if (cnameText !== undefined)
      planned.push({
        path: 'CNAME',
        origin: 'the site address (CNAME)',
        fingerprint: `s:${cnameText}`,
        content: () => cnameText,
      });
    const plan = planOutput(planned);
    diagnostics.push(...plan.diagnostics);
    progress.phase(`writing ${plan.files.length} files to ${config.out}`);
    const written = await writeSiteFiles(config.out, plan.files, {
      allowOutside: config.allowOutside,
      protect: config.dir ? [config.dir] : [config.repo],
    });
    progress.done();
    return {
      outDir: written.outDir,
      siteUrl,
      builds: pass.builds.filter((b) => b.notebooks.some((n) => n.entry.meta)).map((b) => b.build.branch),
      files: plan.files.length,
      diagnostics: applyRuleLevels(uniqueDiagnostics(diagnostics), config.rules),
      failed: diagnostics.some((d) => d.rule === 'output-collision'),
      notebooks: pass.counts,
      cells: pass.cells,
      ...(executed.counts.executed + executed.counts.cached > 0 ? { executed: executed.counts } : {}),
      written: written.written,
      staticSize: measureStaticAssets(statics),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    progress.done();
    sources.close();
    store.dispose();
  }
}

/** Render processes (and kernels at once): one per core. */
async function jobsOf(options: BuildOptions): Promise<number> {
  return Math.max(1, Math.floor(options.jobs ?? 0) || (await import('node:os')).availableParallelism());
}

async function renderWith(
  builds: readonly LazyBuild[],
  config: Config,
  options: BuildOptions,
  store: ReturnType<typeof openRenderStore>,
  progress: Progress,
) {
  const jobs = await jobsOf(options);
  // Every notebook renders in a render process, under the render limits, even a build of one:
  // this process cannot stop a renderer stuck in a loop, nor survive one that fills its heap.
  // Started on the first cache miss only (≈0.5 s), so a build served from the cache starts none.
  let renderer: Promise<BatchRenderer> | undefined;
  const pick = (): Promise<BatchRenderer> =>
    (renderer ??= import('./workers/pool.js').then((m) =>
      m.createWorkerRenderer(config, store, jobs, { cellReuse: options.cellReuse !== false }),
    ));
  try {
    return await renderPass(builds, {
      config,
      store,
      renderer: {
        render: async (j, done) => (await pick()).render(j, done),
        warm: (n) => void pick().then((r) => r.warm?.(n)),
        close: async () => {},
      },
      progress,
      ...(config.cache
        ? {
            diagramCache: resolve(config.cache, 'diagrams'),
            imageCache: resolve(config.cache, 'images'),
            cardCache: resolve(config.cache, 'images'),
          }
        : {}),
    });
  } finally {
    await (await renderer)?.close();
  }
}

/** A build's rendered notebooks as the site model wants them, with the environment its links start checked. */
function prepareBuild(
  summary: BuildSummary,
  sources: Sources,
  env: BuildEnvironment,
): { build: PreparedBuild; diagnostics: Diagnostic[] } {
  const b = summary.build;
  const readable = summary.notebooks.filter((n) => n.entry.meta);
  const notebooks: PreparedNotebook[] = readable.map((n) => ({
    source: { branch: n.ref.branch, path: n.ref.path, blob: n.ref.blob, lastCommit: n.ref.lastCommit },
    meta: n.entry.meta!,
    headings: n.entry.headings,
    ...(n.entry.firstImage ? { firstImage: n.entry.firstImage } : {}),
    ...(n.entry.scripts ? { scripts: n.entry.scripts } : {}),
    ...(n.fallback ? { earlierVersion: true } : {}),
  }));
  const { environment, source } = env;
  const toc = orderFromToc(b.toc, b.paths, b.branch.name);
  const diagnostics: Diagnostic[] = [...env.diagnostics, ...toc.diagnostics];
  if (environment)
    diagnostics.push(
      ...checkImports(
        environment,
        readable.map((n) => ({
          branch: n.ref.branch,
          path: n.ref.path,
          language: n.entry.meta!.language,
          imports: n.entry.imports,
        })),
      ),
    );
  diagnostics.push(
    ...duplicateTitles(readable.map((n) => ({ branch: n.ref.branch, path: n.ref.path, title: n.entry.meta!.title }))),
  );
  const build: PreparedBuild = {
    branch: b.branch,
    notebooks,
    ...(environment ? { environment } : {}),
    ...(source ? { environmentSource: source } : {}),
    order: toc.order,
    ...(b.envCommit ? { envCommit: b.envCommit } : {}),
    diagnostics: b.diagnostics,
    plainFolder: sources.plainFolders,
  };
  return { build, diagnostics };
}
