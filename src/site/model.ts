// The site as data: what templates receive. Built from rendered notebooks, no HTML chrome yet.
import type { CommitInfo, Diagnostic, Heading } from '../types.js';
import type { EnvironmentInfo } from '../source/environment.js';
import type { EnvironmentSource } from './environment-repo.js';
import type { ContentsEntry } from './page-contents.js';

export interface LaunchLinks {
  /** The main "Run this" link (BinderHub). */
  readonly binder: string;
  readonly hub: string;
  /** The same notebook on the fallback hubs. */
  readonly alternatives: readonly { readonly hub: string; readonly url: string }[];
  readonly colab?: string;
  readonly jupyterhub?: string;
  /** The commit or branch the link opens. */
  readonly ref: string;
}

export interface FeedPaths {
  readonly rss: string;
  readonly atom: string;
  readonly json: string;
}

export interface NotebookPage {
  readonly build: string; // build slug
  readonly branch: string;
  /** Path inside the branch. */
  readonly path: string;
  /** Output paths. */
  readonly pagePath: string;
  readonly downloadPath: string;
  readonly title: string;
  readonly summary: string;
  readonly description?: string;
  readonly authors: readonly string[];
  readonly tags: readonly string[];
  /** ISO date shown and used in feeds: front-matter date, else the last commit's. */
  readonly date: string;
  readonly lastCommit: CommitInfo;
  /**
   * Set when the notebook cannot be read at the branch's tip: the page shows its last version
   * that can be read, of this commit (also `lastCommit`).
   */
  readonly earlierVersion?: { readonly sha: string; readonly date: string };
  readonly blob: string;
  readonly launch?: LaunchLinks;
  readonly sourceUrl?: string;
  readonly headings: readonly Heading[];
  /** Id of the notebook's opening heading when the page header's h1 stands in for it. */
  readonly titleId?: string;
  /** That heading as HTML when it holds math (rendered), for the header's h1; else the title shows. */
  readonly titleHtml?: string;
  /** "On this page": every heading of the body (all but the title's), nested by level. */
  readonly contents: readonly ContentsEntry[];
  /** Output path of the first figure (PNG/JPEG/…), for social and feed images. */
  readonly image?: string;
  /** Site paths of the scripts its live charts need (src/render/live-charts.ts). */
  readonly scripts?: readonly string[];
}

export interface BuildPage {
  readonly slug: string;
  readonly branch: string;
  readonly title: string;
  readonly commit: string;
  /** Newest notebook date, else the branch tip's date. */
  readonly updated: string;
  readonly indexPath: string;
  readonly feeds: FeedPaths;
  readonly notebooks: readonly NotebookPage[];
  readonly environment?: EnvironmentInfo;
  /** Where the environment the links start is kept, when not in the build's own files (`binder.environment`). */
  readonly environmentSource?: EnvironmentSource;
  /** Launch link for the build as a whole (opens the file browser). */
  readonly launch?: LaunchLinks;
  readonly diagnostics: readonly Diagnostic[];
}

export interface TagPage {
  readonly tag: string;
  readonly slug: string;
  readonly indexPath: string;
  readonly feeds: FeedPaths;
  readonly notebooks: readonly NotebookPage[];
}

export interface SiteModel {
  readonly title: string;
  readonly description: string;
  /** Absolute, ends with `/`. */
  readonly siteUrl: string;
  readonly builds: readonly BuildPage[];
  readonly tags: readonly TagPage[];
  readonly feeds: FeedPaths;
  /** Newest date of any notebook or build. */
  readonly updated: string;
}
