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

interface Cell {
  readonly ch: string;
  readonly sgr: string;
}

/**
 * Longest colour state kept (characters): the latest SGR sequences win, and a state that grew
 * with every character (20,000 `\x1b[1m` each before a letter) made each comparison longer, 32 s.
 */
const MAX_STATE = 256;

/** Colour state: the SGR sequences since the last reset (the latest `MAX_STATE` characters of them), replayed to restore it. */
function nextState(state: string, sgr: string): string {
  const params = SGR.exec(sgr)?.[1]?.split(';') ?? [];
  if (!/^0*$/.test(params[0] ?? '')) {
    if (state.endsWith(sgr)) return state;
    const next = state + sgr;
    return next.length <= MAX_STATE ? next : next.slice(next.indexOf('\x1b', next.length - MAX_STATE));
  }
  return params.every((p) => /^0*$/.test(p)) ? '' : sgr;
}

/**
 * A line as a terminal shows it: `\r` returns to its start (overwriting), `\b` deletes a char; every
 * character keeps the colour it was written with. Other escape sequences are dropped. The line is
 * two stacks, the cells before the cursor and those after it (reversed), so `\b` and a write are
 * O(1) and `\r` costs what was written since the last one: deleting from the middle of one array
 * made 40,000 backspaces take 10 s.
 */
function applyLine(line: string, inherited: string): { text: string; state: string } {
  const before: Cell[] = [];
  const after: Cell[] = [];
  let state = inherited;
  for (const [token] of line.matchAll(TOKENS)) {
    if (token === '\r') while (before.length > 0) after.push(before.pop()!);
    else if (token === '\b') before.pop();
    else if (token.startsWith('\x1b')) {
      if (SGR.test(token)) state = nextState(state, token);
    } else {
      before.push({ ch: token, sgr: state });
      after.pop();
    }
  }
  const cells = before.concat(after.reverse());
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
  return html`<pre class="${className}">${trusted(preText(headHtml ?? ''))}</pre><details class="collapsed-output"><summary>Show all ${lines.length} lines</summary><pre class="${className}">${trusted(preText(restHtml ?? ''))}</pre></details>`
    .value;
}

/** The text a (merged) stream output shows, as a terminal would, its stream, and the class of its `<pre>`. */
export function streamText(output: StreamOutput): {
  readonly text: string;
  readonly name: 'stdout' | 'stderr';
  readonly className: string;
} {
  const name = output.name === 'stderr' ? 'stderr' : 'stdout';
  return { text: applyTerminal(output.text), name, className: `output-stream ${name}` };
}
