// The template contract. Templates are plain ES modules in `templates/` (or a user's folder given
// by `templates:` in the config), each default-exporting `(data, h) => h.html\`…\``. They get
// helpers rather than imports so that an override needs nothing but the file itself, and the
// `html` tag escapes every interpolation by construction.
import type { SafeHtml } from '../util/html.js';
import type { html, trusted, escapeHtml } from '../util/html.js';
import type { BuildPage, NotebookPage, SiteModel, TagPage } from './model.js';

export interface PageMeta {
  /** Output path of the page being made. */
  readonly path: string;
  readonly title: string;
  readonly description: string;
  /** Absolute canonical URL. */
  readonly canonical: string;
  /** Feeds to announce with `<link rel="alternate">`, output paths. */
  readonly feeds: readonly {
    readonly title: string;
    readonly rss: string;
    readonly atom: string;
    readonly json: string;
  }[];
  /** Absolute URL of the social image, when there is one. */
  readonly image?: string;
  readonly kind: 'home' | 'build' | 'notebook' | 'tag' | 'not-found';
  /** Build slug, for the build switcher. */
  readonly build?: string;
  /** Site paths of the scripts its live charts need, in order (absent on pages with none). */
  readonly scripts?: readonly string[];
}

export interface TemplateHelpers {
  readonly html: typeof html;
  readonly trusted: typeof trusted;
  readonly escapeHtml: typeof escapeHtml;
  /** Relative URL from the current page to an output path. */
  url(outPath: string): string;
  /** Absolute URL of an output path. */
  abs(outPath: string): string;
  /** `2026-11-25T10:00:00+01:00` → `25 November 2026` (UTC, locale-independent). */
  date(iso: string): string;
}

export type Template<T> = (data: T, h: TemplateHelpers) => SafeHtml | string;

export interface Templates {
  layout: Template<{ site: SiteModel; page: PageMeta; content: SafeHtml }>;
  home: Template<{ site: SiteModel }>;
  build: Template<{ site: SiteModel; build: BuildPage }>;
  /** `notebook.html`: the notebook's sanitized HTML, its title heading left to the header. */
  notebook: Template<{
    site: SiteModel;
    build: BuildPage;
    notebook: NotebookPage & { readonly html: string };
    prev?: NotebookPage;
    next?: NotebookPage;
  }>;
  tag: Template<{ site: SiteModel; tag: TagPage }>;
  notFound: Template<{ site: SiteModel }>;
}

export const TEMPLATE_FILES: Record<keyof Templates, string> = {
  layout: 'layout.js',
  home: 'home.js',
  build: 'build.js',
  notebook: 'notebook.js',
  tag: 'tag.js',
  notFound: '404.js',
};
