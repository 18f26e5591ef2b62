// The build, top to bottom: sources → notebooks → diagrams → rendered cells → site model →
// pages and feeds → output plan → atomic write. Every stage but the first and last is pure.
import { resolve } from 'node:path';
import type { Config } from './config.js';
import { collectRasterImages, drawDiagrams, measureImages } from './diagrams/stage.js';
import { loadTemplates } from './io/templates.js';
import { staticFiles } from './io/static-files.js';
import { writeSite } from './io/write-site.js';
import { parseOne, renderOne, type ParsedNotebook } from './pipeline/prepare.js';
import { planOutput } from './pipeline/plan-output.js';
import { checkImports } from './pipeline/imports-check.js';
import { addTitleCards } from './pipeline/social-images.js';
import { readSources, type Sources } from './pipeline/read-sources.js';
import { createRenderContext } from './render/context.js';
import { describeEnvironment } from './source/environment.js';
import { renderFeedFiles } from './site/feed-files.js';
import { renderSitePages } from './site/pages.js';
import { buildSlug } from './site/paths.js';
import { buildSearchIndex } from './site/search-index.js';
import { assembleSite, type PreparedBuild, type PreparedNotebook } from './site/site-model.js';
import { buildRobots, buildSitemap } from './site/sitemap.js';
import { absoluteUrl } from './site/paths.js';
import { environmentFor } from './site/environment-repo.js';
import type { Diagnostic, OutputFile, SourceBuild } from './types.js';

export interface BuildResult {
  readonly outDir: string;
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
  /** True when the output is incomplete (an error diagnostic that is not about one notebook). */
  readonly failed: boolean;
  readonly notebooks: { readonly rendered: number; readonly cached: number; readonly skipped: number };
  readonly durationMs: number;
}

export interface BuildOptions {
  readonly log?: (line: string) => void;
}

/** Site URL: configured, else GitHub Pages' address for the repository, else a local one. */
function siteUrlFor(config: Config, sources: Sources, diagnostics: Diagnostic[]): string {
  if (config.siteUrl) return config.siteUrl;
  const repo = sources.repo;
  if (repo?.provider === 'gh') {
    const owner = repo.owner.toLowerCase();
    return repo.repo.toLowerCase() === `${owner}.github.io` ? `https://${owner}.github.io/` : `https://${owner}.github.io/${repo.repo}/`;
  }
  diagnostics.push({
    rule: 'site-url-missing',
    severity: 'warning',
    branch: '',
    path: '',
    message: 'no site URL is known, so feeds and canonical links point at http://localhost:8080/',
    hint: 'pass --site-url https://example.org/course/ (or set siteUrl in binderpress.yml)',
  });
  return 'http://localhost:8080/';
}

/** Two branches that map to one folder: keep the first (by name), report both. */
function dropSlugCollisions(builds: readonly SourceBuild[], diagnostics: Diagnostic[]): SourceBuild[] {
  const seen = new Map<string, string>();
  return builds.filter((b) => {
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
      message: `branches \`${other}\` and \`${b.branch.name}\` would both be published in the folder ${slug}/; \`${b.branch.name}\` is left out`,
      hint: 'rename one of the branches, or choose with --branches which one to build',
    });
    return false;
  });
}

export async function build(config: Config, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const diagnostics: Diagnostic[] = [];
  const sources = await readSources(config, log);
  const siteUrl = siteUrlFor(config, sources, diagnostics);
  const builds = dropSlugCollisions(sources.builds, diagnostics);
  for (const b of builds) diagnostics.push(...b.diagnostics);
  if (!sources.repo) {
    diagnostics.push({
      rule: 'binder-no-repository',
      severity: 'warning',
      branch: '',
      path: '',
      message: 'no repository is known, so pages have no "Run this" Binder links',
      hint: 'add an `origin` remote, or set `repository: owner/repo` in binderpress.yml',
    });
  }

  log('parsing notebooks');
  const parsed = builds.map((b) => ({ build: b, notebooks: b.notebooks.map((n) => parseOne(n, diagnostics)).filter((n): n is ParsedNotebook => !!n) }));
  const total = parsed.reduce((n, p) => n + p.notebooks.length, 0);
  const skipped = builds.reduce((n, b) => n + b.notebooks.length, 0) - total;

  const drawn = await drawDiagrams(
    parsed.flatMap((p) => p.notebooks.map((n) => ({ branch: p.build.branch.name, path: n.source.path, notebook: n.notebook }))),
    { ...(config.cache ? { cacheDir: resolve(config.cache, 'diagrams') } : {}), log },
  );
  diagnostics.push(...drawn.diagnostics);

  const images = await measureImages(
    parsed.flatMap((p) => p.notebooks.flatMap((n) => collectRasterImages(n.notebook))),
    { ...(config.cache ? { cacheDir: resolve(config.cache, 'images') } : {}), log },
  );

  log(`rendering ${total} notebook${total === 1 ? '' : 's'}`);
  const ctx = await createRenderContext(config.render, { diagrams: drawn.lookup, images });
  const cardCache = config.cache ? resolve(config.cache, 'images') : undefined;
  const prepared: PreparedBuild[] = [];
  for (const { build: b, notebooks } of parsed) {
    const rendered: PreparedNotebook[] = await addTitleCards(
      notebooks.map((nb) => {
        const r = renderOne(b, nb, ctx);
        diagnostics.push(...r.diagnostics);
        return { source: nb.source, meta: nb.meta, rendered: r, title: nb.meta.title, subtitle: b.branch.name };
      }),
      cardCache,
    );
    const environment = describeEnvironment(b.branch.name, b.envFiles, b.paths);
    diagnostics.push(...environment.diagnostics, ...checkImports(environment, notebooks));
    prepared.push({
      branch: b.branch,
      notebooks: rendered,
      environment,
      ...((b as { envCommit?: string }).envCommit ? { envCommit: (b as { envCommit?: string }).envCommit as string } : {}),
      diagnostics: b.diagnostics,
      plainFolder: sources.plainFolders,
    });
  }

  const site = assembleSite({ config, siteUrl, ...(sources.repo ? { repo: sources.repo } : {}), environmentRepo: environmentFor(sources), builds: prepared });
  const templates = await loadTemplates(config.templates);
  const files: OutputFile[] = [
    ...renderSitePages(site, templates),
    ...renderFeedFiles(site, config),
    ...staticFiles(config.templates),
    ...branchFiles(builds, prepared),
    { path: 'search-index.json', content: buildSearchIndex(site), origin: 'search index' },
    { path: 'sitemap.xml', content: buildSitemap(sitemapUrls(site)), origin: 'sitemap' },
    { path: 'robots.txt', content: buildRobots(site.siteUrl), origin: 'robots.txt' },
  ];
  const { plan, diagnostics: planDiagnostics } = planOutput(files);
  diagnostics.push(...planDiagnostics);
  log(`writing ${plan.files.length} files to ${config.out}`);
  const written = writeSite(config.out, plan, { allowOutside: config.allowOutside, protect: config.dir ? [config.dir] : [config.repo] });
  return {
    outDir: written.outDir,
    files: plan.files.length,
    diagnostics: dedupe(diagnostics),
    failed: diagnostics.some((d) => d.rule === 'output-collision'),
    notebooks: { rendered: total, cached: 0, skipped },
    durationMs: Math.round(performance.now() - started),
  };
}

function sitemapUrls(site: ReturnType<typeof assembleSite>): string[] {
  const paths = ['index.html', ...site.builds.flatMap((b) => [b.indexPath, ...b.notebooks.map((n) => n.pagePath)]), ...site.tags.map((t) => t.indexPath)];
  return paths.map((p) => absoluteUrl(site.siteUrl, p));
}

/** The source notebooks (for download), the branch's images, and the rendered assets. */
function branchFiles(builds: readonly SourceBuild[], prepared: readonly PreparedBuild[]): OutputFile[] {
  const out: OutputFile[] = [];
  builds.forEach((b, i) => {
    const slug = buildSlug(b.branch.name);
    const origin = `branch ${b.branch.name}`;
    const kept = new Set(prepared[i]?.notebooks.map((n) => n.source.path));
    for (const nb of b.notebooks) if (kept.has(nb.path)) out.push({ path: `${slug}/${nb.path}`, content: nb.bytes, origin: `${origin}, notebook ${nb.path}` });
    for (const f of b.files) out.push({ path: `${slug}/${f.path}`, content: f.bytes, origin: `${origin}, file ${f.path}` });
    for (const nb of prepared[i]?.notebooks ?? []) {
      for (const a of nb.rendered.assets) out.push({ path: `${slug}/_assets/${a.name}`, content: a.bytes, origin: `${origin}, output of ${nb.source.path}` });
    }
  });
  return out;
}

/** The same problem found by two stages (e.g. a broken diagram) is reported once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.rule, d.severity, d.branch, d.path, d.cell, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
