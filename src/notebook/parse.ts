// Notebook bytes → the normalized model (src/types.ts) plus diagnostics. Fatal problems (empty,
// LFS pointer, merge conflict, not JSON, not an object, unknown nbformat) return no notebook;
// everything else is read as well as it can be and reported. Pure: no fs, no clock.
import type { Diagnostic, Notebook } from '../types.js';
import { decodeNotebookText, findBinary, findUnreadable } from './decode.js';
import { diagnose, type NotebookPlace } from './diagnostics.js';
import { lineColumn, scanJsonValue, skipJsonSpace } from './json-scan.js';
import { isJsonObject, type JsonRecord } from './json-values.js';
import { limitCells, limitDepth, tooLarge } from './limits.js';
import { normalizeNotebook } from './normalize.js';
import { upgradeV3 } from './upgrade-v3.js';
import { validateV3, validateV4 } from './validate.js';

export interface NotebookBytes {
  readonly branch: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ParsedNotebookResult {
  readonly notebook?: Notebook;
  readonly diagnostics: Diagnostic[];
}

/** The newest nbformat 4 minor version this reader knows. */
const NEWEST_MINOR = 5;

type JsonResult = { value: unknown; diagnostics: Diagnostic[] } | { fatal: Diagnostic };

function invalidJson(place: NotebookPlace, text: string, offset: number, reason: string): { fatal: Diagnostic } {
  const { line, column } = lineColumn(text, offset);
  return {
    fatal: diagnose(place, {
      rule: 'notebook-invalid-json',
      severity: 'error',
      message: `the notebook is not valid JSON: line ${line}, column ${column}: ${reason}`,
      hint: `Fix the file at that place (\`python3 -m json.tool "${place.path}"\` shows the same error), or restore the last good version from git history.`,
    }),
  };
}

/** Parses the text as JSON, reading the leading value when text follows it. */
function parseJson(text: string, place: NotebookPlace): JsonResult {
  try {
    return { value: JSON.parse(text) as unknown, diagnostics: [] };
  } catch {
    // fall through: find out where and why
  }
  const scan = scanJsonValue(text);
  if (!scan.ok) return invalidJson(place, text, scan.offset, scan.message);
  let value: unknown;
  try {
    value = JSON.parse(text.slice(0, scan.end));
  } catch (err) {
    return invalidJson(place, text, scan.end, err instanceof Error ? err.message : String(err));
  }
  const { line, column } = lineColumn(text, skipJsonSpace(text, scan.end));
  const trailing = diagnose(place, {
    rule: 'notebook-trailing-data',
    message: `there is more text after the notebook's JSON object, from line ${line}, column ${column}; it was ignored`,
    hint: 'Remove everything after the closing "}" (often the leftover of a bad merge or a second copy pasted in), then commit.',
  });
  return { value, diagnostics: [trailing] };
}

/** Why the notebook's nbformat version cannot be read, or undefined if it is 3 or 4.0–4.5. */
function formatProblem(nb: JsonRecord, place: NotebookPlace): Diagnostic | undefined {
  const major = nb['nbformat'];
  const minor = nb['nbformat_minor'];
  let message: string | undefined;
  let hint = 'binderpress reads nbformat 3 and 4.0–4.5 notebooks.';
  if (major === undefined) {
    message = 'the file has no `nbformat` key, so it is not a Jupyter notebook (or it was damaged)';
    hint = 'Check that this is a notebook saved by Jupyter; if it was damaged, restore it from git history.';
  } else if (major !== 3 && major !== 4) {
    message = `nbformat ${JSON.stringify(major)} is not a version binderpress can read`;
    if (major === 1 || major === 2)
      hint = `Upgrade it with \`jupyter nbconvert --to notebook --inplace "${place.path}"\`.`;
  } else if (major === 4 && Number.isInteger(minor) && (minor as number) > NEWEST_MINOR) {
    message = `nbformat 4.${minor as number} is newer than 4.${NEWEST_MINOR}, the newest version binderpress knows`;
    hint = 'Upgrade binderpress, or save the notebook with a Jupyter release that writes nbformat 4.5.';
  }
  return message === undefined
    ? undefined
    : diagnose(place, { rule: 'notebook-unknown-format', severity: 'error', message, hint });
}

/** Reads one notebook file: decode, check, parse JSON, upgrade v3, validate, normalize. */
export function parseNotebook(src: NotebookBytes): ParsedNotebookResult {
  const place: NotebookPlace = { branch: src.branch, path: src.path };
  const large = tooLarge(src.bytes.length, place);
  if (large) return { diagnostics: [large] };
  const binary = findBinary(src.bytes, place);
  if (binary) return { diagnostics: [binary] };
  const decoded = decodeNotebookText(src.bytes, place);
  const diagnostics = [...decoded.diagnostics];
  const unreadable = findUnreadable(decoded.text, place);
  if (unreadable) return { diagnostics: [...diagnostics, unreadable] };
  const json = parseJson(decoded.text, place);
  if ('fatal' in json) return { diagnostics: [...diagnostics, json.fatal] };
  diagnostics.push(...json.diagnostics);
  if (!isJsonObject(json.value)) {
    const what = Array.isArray(json.value) ? 'a list' : json.value === null ? 'null' : `a ${typeof json.value}`;
    const message = `the file is JSON but ${what}, not an object with \`cells\` and \`metadata\``;
    const hint = 'A notebook file is one JSON object; check that the right file was committed under this name.';
    return {
      diagnostics: [...diagnostics, diagnose(place, { rule: 'notebook-not-object', severity: 'error', message, hint })],
    };
  }
  const problem = formatProblem(json.value, place);
  if (problem) return { diagnostics: [...diagnostics, problem] };
  let raw: JsonRecord = json.value;
  diagnostics.push(...limitDepth(raw, place));
  if (raw['nbformat'] === 3) {
    diagnostics.push(...validateV3(raw, place));
    raw = upgradeV3(raw);
  }
  diagnostics.push(...limitCells(raw, place));
  diagnostics.push(...validateV4(raw, place));
  return { notebook: normalizeNotebook(raw), diagnostics };
}
