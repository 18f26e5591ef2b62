// Turns rendered notebooks into the site model: builds in order, pages, tags, launch links. Pure.
import type { BinderSettings, Config } from '../config.js';
import { resolveBinder } from '../config.js';
import type { EnvironmentInfo } from '../source/environment.js';
import type { RepoSpec } from '../source/remote.js';
import type { BranchRef, Diagnostic, Heading, NotebookMeta, NotebookSource } from '../types.js';
import { titleHeader, titleHeadingId } from './title-heading.js';
import { matchesPattern } from '../source/patterns.js';
import { envCommitLaunch, envCommitNotice } from './env-commit-launch.js';
import { makeLaunchLinks, type LaunchTarget } from './launch-links.js';
import { sourceUrl } from './launch.js';
import type { EnvironmentSource } from './environment-repo.js';
import type { BuildPage, FeedPaths, NotebookPage, SiteModel, TagPage } from './model.js';
import { assetPath, buildSlug, notebookPagePath, tagSlug } from './paths.js';
import { pageContents } from './page-contents.js';
import { limitTags } from './tag-limits.js';

/** A notebook as the site model needs it: where it is, its metadata, and what rendering found. */
export interface PreparedNotebook {
  readonly source: NotebookSource;
  readonly meta: NotebookMeta;
  /** The rendered notebook's headings, its title heading among them (see title-heading.ts). */
  readonly headings: readonly Heading[];
  /** Asset name of the first figure, for social and feed images. */
  readonly firstImage?: string;
  /** Site paths of the scripts its live charts need, in order (src/render/live-charts.ts). */
  readonly scripts?: readonly string[];
  /** The notebook cannot be read at the branch's tip: this is its version of `source.lastCommit`. */
  readonly earlierVersion?: boolean;
}

export interface PreparedBuild {
  readonly branch: BranchRef;
  readonly notebooks: readonly PreparedNotebook[];
  readonly environment?: EnvironmentInfo;
  /** Where the environment the links start is kept, when not in the build's own files. */
  readonly environmentSource?: EnvironmentSource;
  readonly envCommit?: string;
  /** Course order from `_toc.yml` / `toc`, as branch paths; notebooks not listed follow by name. */
  readonly order?: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  /** For `--dir` builds: no git refs, so links open `HEAD` at `{folder}/{path}`. */
  readonly plainFolder?: boolean;
}

export interface SiteInput {
  readonly config: Config;
  readonly siteUrl: string;
  readonly repo?: RepoSpec;
  readonly environmentRepo?: (
    binder: BinderSettings,
    build: PreparedBuild,
  ) => { repo: RepoSpec; ref: string } | undefined;
  readonly builds: readonly PreparedBuild[];
}

function feedPaths(dir: string): FeedPaths {
  const prefix = dir ? `${dir}/` : '';
  return { rss: `${prefix}feed.xml`, atom: `${prefix}atom.xml`, json: `${prefix}feed.json` };
}

/** Natural order: `2-b` before `10-a`, then plain code-unit order (locale-independent). */
export function naturalCompare(a: string, b: string): number {
  const split = (s: string) => s.toLowerCase().split(/(\d+)/);
  const pa = split(a);
  const pb = split(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    if (i % 2 === 1) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function orderNotebooks<T extends { readonly source: { readonly path: string } }>(
  items: readonly T[],
  order?: readonly string[],
): T[] {
  const rank = new Map((order ?? []).map((p, i) => [p, i]));
  return [...items].sort((a, b) => {
    const ra = rank.get(a.source.path) ?? Infinity;
    const rb = rank.get(b.source.path) ?? Infinity;
    return ra !== rb ? ra - rb : naturalCompare(a.source.path, b.source.path);
  });
}

/** A build's title and Binder settings: the config's, with the `builds:` overrides that match it. */
export function buildSettings(config: Config, branch: string): { title: string; binder: BinderSettings } {
  let title = branch;
  let binder = config.binder;
  for (const [pattern, override] of Object.entries(config.builds)) {
    if (!matchesPattern(branch, pattern)) continue;
    if (override.title) title = override.title;
    if (override.binder) binder = resolveBinder(override.binder, binder);
  }
  return { title, binder };
}

/** How `ref: env-commit` can launch a git build's notebooks (see env-commit-launch.ts). */
function envCommitPlan(input: SiteInput, build: PreparedBuild, binder: BinderSettings, repo: RepoSpec) {
  return envCommitLaunch(binder, {
    repo,
    commit: build.branch.commit,
    ...(build.envCommit ? { envCommit: build.envCommit } : {}),
    ...(build.environment ? { environment: build.environment } : {}),
    separateEnvironment: !!input.environmentRepo?.(binder, build),
  });
}

/** What a build's launch links open (the path aside), or undefined without a repository. */
function launchBase(
  input: SiteInput,
  build: PreparedBuild,
  binder: BinderSettings,
): Omit<LaunchTarget, 'path'> | undefined {
  if (!input.repo) return undefined;
  const env = input.environmentRepo?.(binder, build);
  if (build.plainFolder)
    return { repo: input.repo, branch: 'HEAD', commit: 'HEAD', ...(env ? { environment: env } : {}) };
  const plan = envCommitPlan(input, build, binder, input.repo);
  return {
    repo: input.repo,
    branch: build.branch.name,
    commit: build.branch.commit,
    ...(plan.kind === 'pull' ? { envCommit: plan.envCommit } : {}),
    ...(env ? { environment: env } : {}),
  };
}

/** A notice for each build whose `env-commit` links open the branch tip commit instead, and why. */
export function launchNotices(input: SiteInput): Diagnostic[] {
  const repo = input.repo;
  if (!repo) return [];
  return input.builds.flatMap((build) => {
    if (build.plainFolder || build.notebooks.length === 0) return [];
    const notice = envCommitNotice(
      build.branch.name,
      envCommitPlan(input, build, buildSettings(input.config, build.branch.name).binder, repo),
    );
    return notice ? [notice] : [];
  });
}

function notebookPage(
  input: SiteInput,
  build: PreparedBuild,
  slug: string,
  binder: BinderSettings,
  nb: PreparedNotebook,
): NotebookPage {
  const { source, meta, headings } = nb;
  const base = launchBase(input, build, binder);
  const path = build.plainFolder ? `${build.branch.name}/${source.path}` : source.path;
  // A page built from an earlier version opens that version's commit, whatever `ref` says: the
  // branch's tip holds a notebook that cannot be read.
  const pinned = nb.earlierVersion && !build.plainFolder ? source.lastCommit.sha : undefined;
  const launch = base
    ? makeLaunchLinks(pinned ? { ...binder, ref: 'commit' } : binder, {
        ...base,
        ...(pinned ? { commit: pinned } : {}),
        path,
      })
    : undefined;
  const src =
    input.repo && !build.plainFolder ? sourceUrl(input.repo, pinned ?? build.branch.commit, source.path) : undefined;
  return {
    build: slug,
    branch: build.branch.name,
    path: source.path,
    pagePath: `${slug}/${notebookPagePath(source.path)}`,
    downloadPath: `${slug}/${source.path}`,
    title: meta.title,
    summary: meta.summary,
    ...(meta.description ? { description: meta.description } : {}),
    authors: meta.authors.length ? meta.authors : source.lastCommit.author ? [source.lastCommit.author] : [],
    tags: meta.tags,
    date: meta.date ?? source.lastCommit.date,
    lastCommit: source.lastCommit,
    ...(pinned ? { earlierVersion: { sha: pinned, date: source.lastCommit.date } } : {}),
    blob: source.blob,
    ...(launch ? { launch } : {}),
    ...(src ? { sourceUrl: src } : {}),
    ...titleHeader(headings, meta.title),
    headings,
    contents: pageContents(headings, titleHeadingId(headings, meta.title)),
    ...(nb.firstImage ? { image: assetPath(slug, nb.firstImage) } : {}),
    ...(nb.scripts ? { scripts: nb.scripts } : {}),
  };
}

function buildPage(input: SiteInput, build: PreparedBuild): BuildPage {
  const slug = buildSlug(build.branch.name);
  const { title, binder } = buildSettings(input.config, build.branch.name);
  const notebooks = orderNotebooks(build.notebooks, build.order).map((nb) =>
    notebookPage(input, build, slug, binder, nb),
  );
  const newest = [build.branch.tip.date, ...notebooks.map((n) => n.date)].sort(compareDates).at(-1) as string;
  const base = build.plainFolder ? undefined : launchBase(input, build, binder);
  const launch = base ? makeLaunchLinks(binder, { ...base, path: '' }) : undefined;
  return {
    slug,
    branch: build.branch.name,
    title,
    commit: build.branch.commit,
    updated: newest,
    indexPath: `${slug}/index.html`,
    feeds: feedPaths(slug),
    notebooks,
    ...(build.environment ? { environment: build.environment } : {}),
    ...(build.environmentSource ? { environmentSource: build.environmentSource } : {}),
    ...(launch ? { launch } : {}),
    diagnostics: build.diagnostics,
  };
}

/** Orders ISO 8601 dates with offsets by the instant they name; ties by text. */
function compareDates(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function tagPages(builds: readonly BuildPage[], paged: ReadonlySet<string>): TagPage[] {
  const byTag = new Map<string, { tag: string; notebooks: NotebookPage[] }>();
  for (const nb of builds.flatMap((b) => b.notebooks)) {
    for (const tag of nb.tags) {
      const slug = tagSlug(tag);
      if (!paged.has(slug)) continue;
      const entry = byTag.get(slug) ?? { tag, notebooks: [] };
      entry.notebooks.push(nb);
      byTag.set(slug, entry);
    }
  }
  return [...byTag.entries()]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([slug, { tag, notebooks }]) => ({
      tag,
      slug,
      indexPath: `tags/${slug}/index.html`,
      feeds: feedPaths(`tags/${slug}`),
      notebooks: notebooks.sort((x, y) => compareDates(y.date, x.date) || naturalCompare(x.pagePath, y.pagePath)),
    }));
}

/** The site model, and the warnings on tags past their limits (see tag-limits.ts). */
export function assembleSite(input: SiteInput): { site: SiteModel; diagnostics: Diagnostic[] } {
  const tags = limitTags(input.builds);
  const builds = [...tags.builds]
    .filter((b) => b.notebooks.length > 0)
    .map((b) => buildPage(input, b))
    .sort((a, b) => naturalCompare(a.branch, b.branch));
  const dates = builds.map((b) => b.updated).sort(compareDates);
  const site: SiteModel = {
    title: input.config.title,
    description: input.config.description,
    siteUrl: input.siteUrl,
    builds,
    tags: tagPages(builds, tags.paged),
    feeds: feedPaths(''),
    updated: dates.at(-1) ?? '1970-01-01T00:00:00Z',
  };
  return { site, diagnostics: tags.diagnostics };
}
