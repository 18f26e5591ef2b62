// Page metadata of a notebook: title, summary, description, authors, tags, date, language, from
// notebook metadata, front matter (YAML in a raw or markdown first cell, or a fastpages cell),
// headings and the file name. The front-matter cell is taken out of the returned notebook.
import type { Cell, Diagnostic, Notebook, NotebookMeta } from '../types.js';
import { isoDate } from './dates.js';
import { diagnose, type NotebookPlace } from './diagnostics.js';
import { readFrontMatter, type FrontMatter } from './front-matter.js';
import { isJsonObject, type JsonRecord } from './json-values.js';
import { notebookLanguage } from './language.js';
import { markdownToText, type MathText, truncateText } from './markdown-text.js';
import { firstParagraph, titleHeading } from './markdown-tokens.js';

export interface ExtractedMetadata {
  readonly meta: NotebookMeta;
  readonly notebook: Notebook;
  readonly diagnostics: Diagnostic[];
}

/** A metadata value as plain text (at most 4000 characters of it are read). */
function text(value: unknown, math: MathText = 'source'): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const plain = markdownToText(value.slice(0, 4000), math);
  return plain === '' ? undefined : plain;
}

/** One author: a string, `{name}` (MyST, nbformat), or `{name: {given, family} | {literal}}` (Quarto). */
function authorName(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (!isJsonObject(value)) return undefined;
  const name = value['name'];
  if (isJsonObject(name))
    return (
      text(name['literal']) ?? text([name['given'], name['family']].filter((p) => typeof p === 'string').join(' '))
    );
  return text(name);
}

function authorList(...values: unknown[]): string[] {
  const names = values.flatMap((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v])).map(authorName);
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

function tagList(...values: unknown[]): string[] {
  const raw = values.flatMap((v) => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []));
  const tags = raw
    .map((t) => (typeof t === 'string' || typeof t === 'number' ? String(t).trim() : ''))
    .filter((t) => t !== '');
  return [...new Set(tags)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `lessons/01_intro-to-python.ipynb` → `01 intro to python`. */
export function fileTitle(path: string): string {
  const base = (path.split('/').pop() ?? '').replace(/\.ipynb$/i, '');
  const title = base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return title === '' ? 'Untitled' : title;
}

function withoutFrontMatter(nb: Notebook, fm: FrontMatter | undefined): Notebook {
  if (!fm) return nb;
  const cells: Cell[] = [];
  nb.cells.forEach((cell, i) => {
    if (i !== fm.cell) cells.push(cell);
    else if (fm.rest.trim() !== '') cells.push({ ...cell, source: fm.rest });
  });
  return { ...nb, cells };
}

function summaryOf(cells: readonly Cell[]): string | undefined {
  for (const cell of cells) {
    const paragraph = cell.type === 'markdown' ? firstParagraph(cell.source) : undefined;
    if (paragraph !== undefined) return paragraph;
  }
  return undefined;
}

/** The first date given among `[value, cell it came from]` pairs; a bad one is reported. */
function dateOf(
  values: readonly [unknown, number | undefined][],
  place: NotebookPlace,
): { date?: string; diagnostics: Diagnostic[] } {
  for (const [value, cell] of values) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'string' && /^(today|now|last-modified)$/i.test(value.trim())) continue; // Quarto keywords: the git date applies
    const date = isoDate(value);
    if (date !== undefined) return { date, diagnostics: [] };
    const message = `the date ${JSON.stringify(value)} is not an ISO 8601 date; the date of the last commit is used`;
    const hint = 'Write dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM, e.g. `date: 2024-05-01`.';
    return {
      diagnostics: [
        diagnose(place, { rule: 'metadata-invalid-date', message, hint, ...(cell === undefined ? {} : { cell }) }),
      ],
    };
  }
  return { diagnostics: [] };
}

/** Title, summary, authors, tags, date and language of `nb`, and `nb` without its front-matter cell. */
export function extractMetadata(nb: Notebook, path: string, branch = ''): ExtractedMetadata {
  const place: NotebookPlace = { branch, path };
  const md = nb.metadata;
  const found = readFrontMatter(nb.cells, place);
  const fm: JsonRecord = found.frontMatter?.fields ?? {};
  const notebook = withoutFrontMatter(nb, found.frontMatter);
  const markdownSources = notebook.cells.filter((c) => c.type === 'markdown').map((c) => c.source);
  // Titles read math as TeX alone, as a rendered heading's text does (see `titleHeading`).
  const title =
    text(md['title'], 'tex') ??
    text(fm['title'], 'tex') ??
    titleHeading(markdownSources) ??
    text(md['name'], 'tex') ??
    fileTitle(path);
  const description = text(md['description']) ?? text(fm['description']) ?? text(fm['summary']) ?? text(fm['subtitle']);
  const dated = dateOf(
    [
      [fm['date'], found.frontMatter?.cell],
      [md['date'], undefined],
    ],
    place,
  );
  const meta: NotebookMeta = {
    title,
    summary: truncateText(description ?? summaryOf(notebook.cells) ?? ''),
    ...(description === undefined ? {} : { description }),
    authors: authorList(md['authors'], md['author'], fm['authors'], fm['author']),
    tags: tagList(md['tags'], md['keywords'], fm['categories'], fm['tags'], fm['keywords']),
    ...(dated.date === undefined ? {} : { date: dated.date }),
    language: notebookLanguage(md),
  };
  return { meta, notebook, diagnostics: [...found.diagnostics, ...dated.diagnostics] };
}
