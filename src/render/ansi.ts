// ANSI escape sequences: SGR colours to escaped HTML (ansi_up), everything else stripped. Also the
// plain-text cleaners feeds need (XML forbids most control characters).
import { AnsiUp } from 'ansi_up';
import type { ErrorOutput } from '../types.js';
import { escapeHtml, html, trusted } from '../util/html.js';

/** Every escape sequence: OSC (up to BEL/ST/end), CSI, two-character escapes, a lone ESC. */
const ESCAPES = /\x1b\][\s\S]*?(?:\x07|\x1b\\|$)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]|\x1b/g;
/** Select Graphic Rendition (colours, bold, underline): the only sequences kept for ansi_up. */
const SGR = /^\x1b\[[0-9;]*m$/;
/** C0 controls but tab, newline, carriage return and ESC; DEL; C1 controls. */
const CONTROLS_BUT_ESC = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]/g;
/** C0 controls but tab, newline, carriage return; DEL; lone surrogates; U+FFFE/U+FFFF (not XML chars). */
const NON_XML =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes every ANSI escape sequence (colours included). */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ESCAPES, '') : text;
}

/**
 * Removes C0 control characters other than \t \n \r, and DEL (plus lone surrogates and U+FFFE/FFFF,
 * which XML 1.0 forbids as well). Strip ANSI first, or the ESC goes and its `[31m` stays.
 */
export function stripControlChars(text: string): string {
  return text.replace(NON_XML, '');
}

/** Keeps SGR sequences only, and drops control characters that have no meaning in HTML. */
function keepSgr(text: string): string {
  return text.replace(ESCAPES, (seq) => (SGR.test(seq) ? seq : '')).replace(CONTROLS_BUT_ESC, '');
}

function createAnsiUp(): AnsiUp {
  const au = new AnsiUp();
  au.use_classes = true; // the 16 basic colours as `ansi-red-fg` classes (themeable); 256/24-bit as styles
  au.escape_html = true;
  au.url_allowlist = {}; // OSC 8 links are stripped before, and none would be allowed anyway
  return au;
}

/**
 * ANSI-coloured text to escaped HTML, one string per part; colour state carries from one part to
 * the next (a collapsed output split in two keeps its colours).
 */
export function ansiToHtmlParts(parts: readonly string[]): string[] {
  if (!parts.some((p) => p.includes('\x1b'))) return parts.map((p) => escapeHtml(p.replace(CONTROLS_BUT_ESC, '')));
  const au = createAnsiUp(); // one per call: ansi_up keeps colour state and partial sequences
  return parts.map((p) => au.ansi_to_html(keepSgr(p)));
}

/** ANSI-coloured text to escaped HTML (no `<pre>` around it). */
export function ansiToHtml(text: string): string {
  return ansiToHtmlParts([text])[0] ?? '';
}

/** An error output: `ename: evalue`, then the traceback with its colours. */
export function renderError(output: ErrorOutput): string {
  const name = stripControlChars(stripAnsi(output.ename));
  const value = stripControlChars(stripAnsi(output.evalue));
  const traceback = output.traceback.join('\n');
  return html`<div class="error-output"><p class="error-header"><strong class="error-name">${name}</strong>${value ? `: ${value}` : ''}</p>${
    traceback.trim() === '' ? '' : html`<pre class="output-error">${trusted(ansiToHtml(traceback))}</pre>`
  }</div>`.value;
}
