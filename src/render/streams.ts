// Stream outputs (stdout, stderr): merged like Jupyter does, with terminal semantics for \r and \b
// (progress bars collapse to their last state), and long outputs folded behind an expander.
import type { Output, StreamOutput } from '../types.js';
import { html, trusted } from '../util/html.js';
import { ansiToHtmlParts } from './ansi.js';

/** Lines shown above the expander of a collapsed output. */
export const COLLAPSED_HEAD_LINES = 20;

/** Consecutive stream outputs of the same name merged into one. */
export function mergeStreams(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const last = merged[merged.length - 1];
    if (output.type === 'stream' && last?.type === 'stream' && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: last.text + output.text };
    } else {
      merged.push(output);
    }
  }
  return merged;
}

/** One token: an escape sequence (zero width) or one code point. */
const TOKENS = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][\s\S]*?(?:\x07|\x1b\\|$)|\x1b[ -/]*[0-~]?|[\s\S]/gu;
const SGR = /^\x1b\[([0-9;]*)m$/;
const RESET = '\x1b[0m';

/** Colour state: the SGR sequences since the last reset, replayed to restore it. */
function nextState(state: string, sgr: string): string {
  const params = SGR.exec(sgr)?.[1]?.split(';') ?? [];
  if (!/^0*$/.test(params[0] ?? '')) return state + sgr;
  return params.every((p) => /^0*$/.test(p)) ? '' : sgr;
}

/**
 * A line as a terminal shows it: `\r` returns to its start (overwriting), `\b` deletes a char; every
 * character keeps the colour it was written with. Other escape sequences are dropped.
 */
function applyLine(line: string, inherited: string): { text: string; state: string } {
  const cells: { ch: string; sgr: string }[] = [];
  let cursor = 0;
  let state = inherited;
  for (const [token] of line.matchAll(TOKENS)) {
    if (token === '\r') cursor = 0;
    else if (token === '\b') {
      if (cursor > 0) cells.splice(--cursor, 1);
    } else if (token.startsWith('\x1b')) {
      if (SGR.test(token)) state = nextState(state, token);
    } else cells[cursor++] = { ch: token, sgr: state };
  }
  let text = '';
  let shown = inherited;
  for (const cell of cells) {
    if (cell.sgr !== shown) text += cell.sgr.startsWith(shown) ? cell.sgr.slice(shown.length) : RESET + cell.sgr;
    shown = cell.sgr;
    text += cell.ch;
  }
  if (shown !== state) text += state.startsWith(shown) ? state.slice(shown.length) : RESET + state;
  return { text, state };
}

/** Colour state after a line that needs no rewriting. */
function scanState(line: string, state: string): string {
  if (!line.includes('\x1b')) return state;
  for (const [token] of line.matchAll(TOKENS)) if (SGR.test(token)) state = nextState(state, token);
  return state;
}

/** Terminal semantics for a whole stream: `\r\n` is a newline, `\r` and `\b` act within a line. */
export function applyTerminal(text: string): string {
  const normalized = text.replace(/\r+\n/g, '\n');
  if (!/[\r\b]/.test(normalized)) return normalized;
  let state = '';
  return normalized
    .split('\n')
    .map((line) => {
      if (!/[\r\b]/.test(line)) {
        state = scanState(line, state);
        return line;
      }
      const applied = applyLine(line, state);
      state = applied.state;
      return applied.text;
    })
    .join('\n');
}

/** The HTML parser drops one newline right after `<pre>`: double it so a leading blank line stays. */
function preText(htmlText: string): string {
  return htmlText.startsWith('\n') ? `\n${htmlText}` : htmlText;
}

/**
 * Text (with ANSI colours) in a `<pre class="{className}">`; longer than `collapseLines` lines → the
 * first lines visible, the rest behind `<details><summary>Show all N lines</summary>`. Never dropped.
 */
export function renderPreText(text: string, className: string, collapseLines: number): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= collapseLines) {
    const [body] = ansiToHtmlParts([text]);
    return html`<pre class="${className}">${trusted(preText(body ?? ''))}</pre>`.value;
  }
  const headCount = Math.max(1, Math.min(COLLAPSED_HEAD_LINES, collapseLines));
  const head = lines.slice(0, headCount).join('\n');
  const rest = text.slice(head.length + 1);
  const [headHtml, restHtml] = ansiToHtmlParts([head, rest]);
  return html`<pre class="${className}">${trusted(preText(headHtml ?? ''))}</pre><details class="collapsed-output"><summary>Show all ${lines.length} lines</summary><pre class="${className}">${trusted(preText(restHtml ?? ''))}</pre></details>`.value;
}

/** The text a (merged) stream output shows, as a terminal would, its stream, and the class of its `<pre>`. */
export function streamText(output: StreamOutput): { readonly text: string; readonly name: 'stdout' | 'stderr'; readonly className: string } {
  const name = output.name === 'stderr' ? 'stderr' : 'stdout';
  return { text: applyTerminal(output.text), name, className: `output-stream ${name}` };
}
