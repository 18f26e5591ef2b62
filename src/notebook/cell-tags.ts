// Cell tags from every convention in use: `metadata.tags` (Jupyter Book / MyST names kept as they
// are), Quarto `#| option: value` lines, fastpages/nbdev `#hide`-style flag comments, JupyterLab's
// `metadata.jupyter.source_hidden`/`outputs_hidden`, and the nbextension `metadata.hide_input`.
// Option and flag lines are removed from the source that is shown.
import type { JsonObject } from '../types.js';

/** Quarto's option-comment prefix per language (`#|` for everything not listed). */
const OPTION_PREFIX: Readonly<Record<string, string>> = {
  javascript: '//|',
  typescript: '//|',
  ojs: '//|',
  c: '//|',
  'c++': '//|',
  cpp: '//|',
  java: '//|',
  rust: '//|',
  go: '//|',
  scala: '//|',
  kotlin: '//|',
  csharp: '//|',
  'c#': '//|',
  swift: '//|',
  sql: '--|',
  lua: '--|',
  haskell: '--|',
  matlab: '%%|',
  octave: '%%|',
};

/** Quarto options that map to tags: `option: value` → tag. */
const QUARTO_TAGS: Readonly<Record<string, string>> = {
  'echo: false': 'remove-input',
  'output: false': 'remove-output',
  'include: false': 'remove-cell',
  'code-fold: true': 'hide-input',
  'code-fold: show': 'hide-input-open',
  hide: 'remove-cell', // nbdev 2: `#| hide`
};

/** fastpages / nbdev 1 flag comments (`#hide`, `# hide_input`, …) → tag. */
const FLAG_TAGS: Readonly<Record<string, string>> = {
  hide: 'remove-cell',
  hide_input: 'remove-input',
  'hide-input': 'remove-input',
  hide_output: 'remove-output',
  'hide-output': 'remove-output',
  collapse: 'hide-input',
  'collapse-hide': 'hide-input',
  collapse_hide: 'hide-input',
  'collapse-show': 'hide-input-open',
  collapse_show: 'hide-input-open',
  'collapse-output': 'hide-output',
  collapse_output: 'hide-output',
};

const FLAG_LINE = /^\s*#\s*([a-z_-]+)\s*$/i;

function metadataTags(metadata: JsonObject): string[] {
  const tags = Array.isArray(metadata['tags']) ? metadata['tags'] : [];
  const out = tags.filter((t): t is string => typeof t === 'string').map((t) => t.trim());
  const jupyter = metadata['jupyter'];
  if (jupyter && typeof jupyter === 'object') {
    const j = jupyter as JsonObject;
    if (j['source_hidden'] === true) out.push('hide-input');
    if (j['outputs_hidden'] === true) out.push('hide-output');
  }
  if (metadata['hide_input'] === true) out.push('remove-input');
  return out;
}

/** The tag a leading source line implies, `''` for an option line without one, undefined otherwise. */
function lineTag(line: string, prefix: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith(prefix)) {
    const option = trimmed
      .slice(prefix.length)
      .trim()
      .replace(/\s*:\s*/, ': ')
      .toLowerCase();
    return QUARTO_TAGS[option] ?? '';
  }
  if (prefix !== '#|') return undefined;
  const flag = FLAG_LINE.exec(line)?.[1]?.toLowerCase();
  return flag === undefined ? undefined : FLAG_TAGS[flag];
}

/**
 * Tags of a cell and the source to show. `language` is the notebook's code language for code
 * cells, or `null` for markdown and raw cells (whose source is never rewritten).
 */
export function cellTags(
  source: string,
  metadata: JsonObject,
  language: string | null,
): { tags: string[]; source: string } {
  const tags = metadataTags(metadata);
  if (language === null) return { tags: dedupe(tags), source };
  const prefix = OPTION_PREFIX[language.toLowerCase()] ?? '#|';
  const lines = source.split('\n');
  let skip = 0;
  for (; skip < lines.length; skip++) {
    const tag = lineTag(lines[skip] ?? '', prefix);
    if (tag === undefined) break;
    if (tag !== '') tags.push(tag);
  }
  if (skip === 0) return { tags: dedupe(tags), source };
  while (skip < lines.length && (lines[skip] ?? '').trim() === '') skip++;
  return { tags: dedupe(tags), source: lines.slice(skip).join('\n') };
}

function dedupe(tags: readonly string[]): string[] {
  return [...new Set(tags.filter((t) => t !== ''))];
}
