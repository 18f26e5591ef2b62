// Turns rendered notebooks into the site model: builds in order, pages, tags, launch links. Pure.
import type { BinderSettings, Config } from '../config.js';
import { resolveBinder } from '../config.js';
import type { EnvironmentInfo } from '../source/environment.js';
import type { RepoSpec } from '../source/remote.js';
import type { BranchRef, Diagnostic, Heading, NotebookMeta, RenderedNotebook, SourceNotebook } from '../types.js';
import { matchesPattern } from '../source/patterns.js';
import { envCommitLaunch, envCommitNotice } from './env-commit-launch.js';
import { makeLaunchLinks, type LaunchTarget } from './launch-links.js';
import { sourceUrl } from './launch.js';
import type { EnvironmentSource } from './environment-repo.js';
import type { BuildPage, FeedPaths, NotebookPage, SiteModel, TagPage } from './model.js';
import { assetPath, buildSlug, notebookPagePath, tagSlug } from './paths.js';
import { pageContents } from './page-contents.js';
import { limitTags } from './tag-limits.js';

export interface PreparedNotebook {
  readonly source: SourceNotebook;
  readonly meta: NotebookMeta;
  readonly rendered: RenderedNotebook;
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
  readonly environmentRepo?: (binder: BinderSettings, build: PreparedBuild) => { repo: RepoSpec; ref: string } | undefined;
  readonly builds: readonly PreparedBuild[];
  /** Where warnings on tags past their limits go (see tag-limits.ts). */
  readonly diagnostics?: Diagnostic[];
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

export function orderNotebooks<T extends { readonly source: { readonly path: string } }>(items: readonly T[], order?: readonly string[]): T[] {
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
function launchBase(input: SiteInput, build: PreparedBuild, binder: BinderSettings): Omit<LaunchTarget, 'path'> | undefined {
  if (!input.repo) return undefined;
  const env = input.environmentRepo?.(binder, build);
  if (build.plainFolder) return { repo: input.repo, branch: 'HEAD', commit: 'HEAD', ...(env ? { environment: env } : {}) };
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
    const notice = envCommitNotice(build.branch.name, envCommitPlan(input, build, buildSettings(input.config, build.branch.name).binder, repo));
    return notice ? [notice] : [];
  });
}

function notebookPage(input: SiteInput, build: PreparedBuild, slug: string, binder: BinderSettings, nb: PreparedNotebook): NotebookPage {
  const { source, meta, rendered } = nb;
  const base = launchBase(input, build, binder);
  const path = build.plainFolder ? `${build.branch.name}/${source.path}` : source.path;
  // A page built from an earlier version opens that version's commit, whatever `ref` says: the
  // branch's tip holds a notebook that cannot be read.
  const pinned = nb.earlierVersion && !build.plainFolder ? source.lastCommit.sha : undefined;
  const launch = base ? makeLaunchLinks(pinned ? { ...binder, ref: 'commit' } : binder, { ...base, ...(pinned ? { commit: pinned } : {}), path }) : undefined;
  const src = input.repo && !build.plainFolder ? sourceUrl(input.repo, pinned ?? build.branch.commit, source.path) : undefined;
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
    ...titleHeading(rendered.html, rendered.headings, meta.title),
    headings: rendered.headings,
    contents: pageContents(rendered.headings, titleHeadingId(rendered.headings, meta.title)),
    ...(rendered.firstImage ? { image: assetPath(slug, rendered.firstImage) } : {}),
  };
}

/**
 * The page header shows the title as its `<h1>`; when the notebook opens with the same heading
 * (where the title usually comes from), that heading is dropped from the body so it is not shown
 * twice, and its id moves to the header's h1 so links to it still land. A heading with math
 * gives the header its HTML too, so the math shows rendered there rather than as TeX.
 */
export function titleHeading(html: string, headings: readonly Heading[], title: string): { html: string; titleId?: string; titleHtml?: string } {
  const titleId = titleHeadingId(headings, title);
  if (titleId === undefined) return { html };
  const span = headingSpan(html, titleId);
  const titleHtml = headings[0]?.html;
  // The id moves to the header even when the HTML is filled in later (from the render cache).
  return { html: span ? html.slice(0, span[0]) + html.slice(span[1]) : html, titleId, ...(titleHtml === undefined ? {} : { titleHtml }) };
}

/** The id of the notebook's opening heading when it repeats the title (see `titleHeading`). */
export function titleHeadingId(headings: readonly { level: number; text: string; id: string; opens?: true }[], title: string): string | undefined {
  const first = headings[0];
  return first?.opens && first.level === 1 && first.text.trim() === title.trim() ? first.id : undefined;
}

/** Where the title heading that `titleHeading` drops sits in `html` (a string, or its UTF-8 bytes). */
export function titleHeadingSpan(html: string | Buffer, headings: readonly { level: number; text: string; id: string; opens?: true }[], title: string): [number, number] | undefined {
  const id = titleHeadingId(headings, title);
  return id === undefined ? undefined : headingSpan(html, id);
}

/**
 * Where the `<h1>` with this id starts and ends in `html`: string offsets in a string, byte
 * offsets in its UTF-8 bytes (a Buffer searches for the UTF-8 of the markup: the same cut).
 */
export function headingSpan(html: string | Buffer, id: string): [number, number] | undefined {
  const start = html.indexOf(`<h1 id="${id}"`);
  const end = start === -1 ? -1 : html.indexOf('</h1>', start);
  if (end === -1) return undefined;
  // A cell that holds only the heading goes with it: no empty section is left where it was.
  // Tags are ASCII, so Latin-1 reads a Buffer's bytes at the same offsets.
  const text = (a: number, b: number) => (typeof html === 'string' ? html.slice(a, b) : html.toString('latin1', a, b));
  const open = html.lastIndexOf('<section', start);
  const close = html.indexOf('</section>', end);
  if (open !== -1 && close !== -1 && /^<section\b[^>]*>(?:\s*<div\b[^>]*>)*\s*$/.test(text(open, start)) && /^(?:\s*<\/div>)*\s*$/.test(text(end + 5, close))) {
    return [open, close + '</section>'.length];
  }
  return [start, end + 5];
}

function buildPage(input: SiteInput, build: PreparedBuild): BuildPage {
  const slug = buildSlug(build.branch.name);
  const { title, binder } = buildSettings(input.config, build.branch.name);
  const notebooks = orderNotebooks(build.notebooks, build.order).map((nb) => notebookPage(input, build, slug, binder, nb));
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

export function assembleSite(input: SiteInput): SiteModel {
  const tags = limitTags(input.builds, input.diagnostics ?? []);
  const builds = [...tags.builds]
    .filter((b) => b.notebooks.length > 0)
    .map((b) => buildPage(input, b))
    .sort((a, b) => naturalCompare(a.branch, b.branch));
  const dates = builds.map((b) => b.updated).sort(compareDates);
  return {
    title: input.config.title,
    description: input.config.description,
    siteUrl: input.siteUrl,
    builds,
    tags: tagPages(builds, tags.paged),
    feeds: feedPaths(''),
    updated: dates.at(-1) ?? '1970-01-01T00:00:00Z',
  };
}

/** The body HTML without its opening title heading (see `titleHeading`). */
export function withoutTitleHeading(html: string, headings: readonly { level: number; text: string; id: string; opens?: true }[], title: string): string {
  return titleHeading(html, headings, title).html;
}
