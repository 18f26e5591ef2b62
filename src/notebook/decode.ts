// Bytes → text, and the checks that make a file unreadable as a notebook before any JSON parsing:
// empty files, Git LFS pointers and unresolved merge conflicts. Encoding problems are recoverable.
import type { Diagnostic } from '../types.js';
import { diagnose, type NotebookPlace } from './diagnostics.js';

export interface DecodedText {
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

function hasPrefix(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function lineOfFirst(text: string, char: string): number {
  const at = text.indexOf(char);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

function decodeUtf16(bytes: Uint8Array, place: NotebookPlace): DecodedText {
  const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
  const text = new TextDecoder(encoding, { fatal: false }).decode(bytes);
  const diagnostic = diagnose(place, {
    rule: 'notebook-encoding',
    message: `the notebook is encoded as ${encoding.toUpperCase()}, not UTF-8 as nbformat requires`,
    hint: 'Re-save it as UTF-8 (Jupyter always writes UTF-8; UTF-16 usually comes from a shell redirect on Windows).',
  });
  return { text, diagnostics: [diagnostic] };
}

/** File signatures of what is most often saved or committed under a notebook's name by mistake. */
const BINARY_KINDS: readonly (readonly [what: string, magic: readonly number[]])[] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
];

/** A file that is a known binary format, not text: one error saying which, before any decoding. */
export function findBinary(bytes: Uint8Array, place: NotebookPlace): Diagnostic | undefined {
  const kind = BINARY_KINDS.find(([, magic]) => hasPrefix(bytes, magic));
  if (!kind) return undefined;
  return diagnose(place, {
    rule: 'notebook-binary',
    severity: 'error',
    message: `the file is ${kind[0]}, not a notebook (a notebook is JSON text)`,
    hint: 'Commit the notebook itself under this name, or give the file its own extension.',
  });
}

/** Decodes notebook bytes as UTF-8 (lossy), noting a byte-order mark and invalid sequences. */
export function decodeNotebookText(bytes: Uint8Array, place: NotebookPlace): DecodedText {
  if (hasPrefix(bytes, [0xff, 0xfe]) || hasPrefix(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, place);
  const diagnostics: Diagnostic[] = [];
  if (hasPrefix(bytes, [0xef, 0xbb, 0xbf])) {
    diagnostics.push(
      diagnose(place, {
        rule: 'notebook-bom',
        message: 'the file starts with a UTF-8 byte-order mark, which JSON does not allow',
        hint: 'Save the file as "UTF-8" without BOM (editors such as Notepad add it); the notebook was read without it.',
      }),
    );
  }
  // TextDecoder drops a leading BOM itself (ignoreBOM: false).
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    diagnostics.push(
      diagnose(place, {
        rule: 'notebook-invalid-utf8',
        message: `the file is not valid UTF-8 (first bad bytes near line ${lineOfFirst(text, '\uFFFD')}); they were replaced by "\uFFFD"`,
        hint: 'Re-save the notebook as UTF-8; the text was probably pasted or written in another encoding (e.g. Latin-1).',
      }),
    );
  }
  return { text, diagnostics };
}

const CONFLICT_START = /^<{7}(?: |$)/m;
const CONFLICT_END = /^>{7}(?: |$)/m;
const LFS_OID = /^oid sha256:[0-9a-f]{64}$/m;

function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
}

function conflictDiagnostic(text: string, place: NotebookPlace): Diagnostic | undefined {
  const start = lineOf(text, CONFLICT_START);
  const end = lineOf(text, CONFLICT_END);
  if (start === undefined && end === undefined) return undefined;
  const where = start !== undefined ? `a "<<<<<<<" marker on line ${start}` : `a ">>>>>>>" marker on line ${end}`;
  const rest = start !== undefined && end !== undefined ? ` (the conflict ends on line ${end})` : '';
  return diagnose(place, {
    rule: 'notebook-merge-conflict',
    severity: 'error',
    message: `the notebook contains an unresolved git merge conflict: ${where}${rest}`,
    hint: 'Resolve the conflict and commit the result, e.g. with `nbdime mergetool` (notebook-aware) or by keeping one side: `git checkout --ours|--theirs -- <file>`.',
  });
}

/** The fatal problem that stops `text` from being read as a notebook at all, if any. */
export function findUnreadable(text: string, place: NotebookPlace): Diagnostic | undefined {
  if (text.trim() === '') {
    return diagnose(place, {
      rule: 'notebook-empty',
      severity: 'error',
      message: 'the notebook file is empty',
      hint: 'Commit the saved notebook, or delete the empty file.',
    });
  }
  if (text.startsWith('version https://') && LFS_OID.test(text)) {
    return diagnose(place, {
      rule: 'notebook-lfs-pointer',
      severity: 'error',
      message: 'the file is a Git LFS pointer, not the notebook itself',
      hint: 'Run `git lfs pull` in the repository the site is built from, or commit the real notebook instead of tracking *.ipynb with Git LFS.',
    });
  }
  return conflictDiagnostic(text, place);
}
