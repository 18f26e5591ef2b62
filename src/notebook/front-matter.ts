// Front matter in the first cell of a notebook: a YAML block (`---` … `---`) in a raw cell (Quarto)
// or a markdown cell (MyST / Jupyter Book), or a fastpages cell (`# Title`, `> summary`,
// `- key: value` lines). The values are returned raw; metadata.ts interprets them.
import type { Cell, Diagnostic } from '../types.js';
import { readYaml } from '../util/yaml.js';
import { diagnose, type NotebookPlace } from './diagnostics.js';
import { isJsonObject, type JsonRecord } from './json-values.js';

export interface FrontMatter {
  /** Where it came from, for messages. */
  readonly kind: 'yaml' | 'fastpages';
  readonly fields: JsonRecord;
  /** Index (in the notebook's cells) of the cell that held it. */
  readonly cell: number;
  /** What is left of that cell's source; '' when the cell held only front matter. */
  readonly rest: string;
}

export interface FrontMatterResult {
  readonly frontMatter?: FrontMatter;
  readonly diagnostics: Diagnostic[];
}

const YAML_BLOCK = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/** A YAML block in a markdown cell must start with a `key:` line (else `---` is a rule). */
const STARTS_WITH_KEY = /^\s*[\w-]+[ \t]*:/;

function yamlFrontMatter(cell: Cell, index: number, place: NotebookPlace): FrontMatterResult | undefined {
  const source = cell.source.replace(/^\s*\n/, '');
  const match = YAML_BLOCK.exec(source);
  if (!match) return undefined;
  const body = match[1] ?? '';
  if (cell.type === 'markdown' && !STARTS_WITH_KEY.test(body)) return undefined;
  const rest = source
    .slice(match[0].length)
    .replace(/^\s*\n/, '')
    .trimEnd();
  const read = readYaml(body);
  if (!read.ok) {
    const where = read.line === undefined ? '' : ` (line ${read.line + 1} of the cell)`;
    const message = read.limit
      ? `the front matter was not read: ${read.reason}`
      : `the front matter is not valid YAML${where}: ${read.reason}`;
    const hint = read.limit
      ? 'Keep the front matter to a few plain `key: value` lines (no deep nesting, no alias that refers to itself).'
      : 'Fix the YAML between the `---` lines (quote values that contain ": " or start with special characters).';
    const diagnostic = diagnose(place, {
      rule: read.limit ? 'metadata-yaml-too-complex' : 'metadata-invalid-yaml',
      cell: index,
      message,
      hint,
    });
    if (cell.type === 'markdown') return { diagnostics: [diagnostic] };
    return { frontMatter: { kind: 'yaml', fields: {}, cell: index, rest }, diagnostics: [diagnostic] };
  }
  const value = read.value;
  if (value === null || value === undefined) {
    return cell.type === 'raw'
      ? { frontMatter: { kind: 'yaml', fields: {}, cell: index, rest }, diagnostics: [] }
      : undefined;
  }
  if (!isJsonObject(value)) return undefined;
  return { frontMatter: { kind: 'yaml', fields: value, cell: index, rest }, diagnostics: [] };
}

const FP_TITLE = /^#[ \t]+(.+?)[ \t]*$/;
const FP_SUMMARY = /^>[ \t]?(.*)$/;
const FP_FIELD = /^-[ \t]+([\w-]+)[ \t]*:[ \t]*(.*?)[ \t]*$/;
/** Keys fastpages documents; a cell needs a `>` summary or one of these to count as front matter. */
const FP_KEYS = new Set([
  'toc',
  'badges',
  'comments',
  'categories',
  'author',
  'image',
  'hide',
  'permalink',
  'layout',
  'sticky_rank',
  'search_exclude',
  'branch',
  'description',
  'title',
  'show_tags',
  'use_math',
  'hide_binder_badge',
  'hide_colab_badge',
  'hide_github_badge',
  'hide_deepnote_badge',
  'nb_path',
]);

/**
 * A fastpages value read as YAML when it is a quoted string, a list or a scalar (`[a, b]`,
 * `"Title: with colon"`, `true`); as the raw text otherwise (`Jeremy Howard: fast.ai`). `text`
 * values (title, summary) are only unquoted.
 */
function fastpagesValue(raw: string, text = false): unknown {
  if (text && !/^(["']).*\1$/.test(raw)) return raw;
  const read = readYaml(raw);
  if (!read.ok) return raw;
  const value = read.value;
  if (value === null) return '';
  if (text && typeof value !== 'string') return raw;
  return isJsonObject(value) ? raw : value;
}

function fastpagesFrontMatter(cell: Cell, index: number): FrontMatter | undefined {
  if (cell.type !== 'markdown') return undefined;
  const lines = cell.source.trim().split(/\r?\n/);
  const title = FP_TITLE.exec(lines[0] ?? '')?.[1];
  if (title === undefined) return undefined;
  const fields: JsonRecord = { title: fastpagesValue(title, true) };
  const summary: string[] = [];
  let marks = 0;
  for (const line of lines.slice(1)) {
    const quote = FP_SUMMARY.exec(line);
    const field = FP_FIELD.exec(line);
    if (quote) summary.push(quote[1] ?? '');
    else if (field && field[1] !== '__proto__') fields[field[1] ?? ''] = fastpagesValue(field[2] ?? '');
    else if (line.trim() !== '') return undefined;
    if (quote || (field && FP_KEYS.has(field[1] ?? ''))) marks++;
  }
  if (marks === 0) return undefined;
  if (summary.length > 0) fields['summary'] = fastpagesValue(summary.join(' ').trim(), true);
  return { kind: 'fastpages', fields, cell: index, rest: '' };
}

/** The front matter of the first non-empty cell of `cells`, if it has any. */
export function readFrontMatter(cells: readonly Cell[], place: NotebookPlace): FrontMatterResult {
  const index = cells.findIndex((c) => c.source.trim() !== '');
  const cell = cells[index];
  if (!cell || cell.type === 'code') return { diagnostics: [] };
  const yaml = yamlFrontMatter(cell, index, place);
  if (yaml) return yaml;
  const fastpages = fastpagesFrontMatter(cell, index);
  return fastpages ? { frontMatter: fastpages, diagnostics: [] } : { diagnostics: [] };
}
