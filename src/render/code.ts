// Code cells: the input highlighted in the notebook's language (or a cell magic's), `In [n]:`
// prompts, and the outputs; `remove-*` tags drop parts, `hide-*` tags fold them.
import type { CodeCell } from '../types.js';
import { html, trusted, type SafeHtml } from '../util/html.js';
import { renderOutputs } from './outputs.js';
import type { CellPlace, RenderScope } from './sink.js';

/** Cell magics that switch the language of the cell body. */
const MAGIC_LANGUAGES: Readonly<Record<string, string>> = {
  bash: 'shellscript',
  sh: 'shellscript',
  script: 'shellscript',
  html: 'html',
  javascript: 'javascript',
  js: 'javascript',
  latex: 'latex',
  markdown: 'markdown',
  sql: 'sql',
  r: 'r',
  julia: 'julia',
  svg: 'xml',
  writefile: '',
  capture: '',
  time: '',
  timeit: '',
};

/** Language of a code cell: from a leading `%%magic` when it names one, else the notebook's. */
export function cellLanguage(source: string, notebookLanguage: string): string {
  const magic = /^%%(\w+)/.exec(source)?.[1]?.toLowerCase();
  const lang = magic === undefined ? undefined : MAGIC_LANGUAGES[magic];
  return lang === undefined || lang === '' ? notebookLanguage : lang;
}

/** `<details class="hidden-cell">` around content (open with `open`). */
export function foldHtml(summary: string, content: string | SafeHtml, open = false): string {
  return html`<details class="hidden-cell"${open ? trusted(' open') : ''}><summary>${summary}</summary>${trusted(String(content))}</details>`
    .value;
}

function renderInput(cell: CodeCell, scope: RenderScope): string {
  const prompt = scope.ctx.options.showExecutionCount
    ? html`<div class="prompt input-prompt">In [${cell.executionCount ?? ' '}]:</div>`
    : '';
  const code = scope.ctx.highlight(cell.source, cellLanguage(cell.source, scope.env.language));
  return html`<div class="cell-input">${prompt}<div class="input-code">${trusted(code)}</div></div>`.value;
}

/** The inside of a code cell's section; '' when nothing of it is shown. */
export function renderCodeCell(cell: CodeCell, scope: RenderScope, place: CellPlace): string {
  const tags = cell.tags;
  const parts: string[] = [];
  if (!tags.includes('remove-input') && cell.source.trim() !== '') {
    const input = renderInput(cell, scope);
    if (tags.includes('hide-input-open')) parts.push(foldHtml('Show code', input, true));
    else if (tags.includes('hide-input')) parts.push(foldHtml('Show code', input));
    else parts.push(input);
  }
  if (!tags.includes('remove-output')) {
    const outputs = renderOutputs(cell.outputs, tags, scope, place);
    if (outputs !== '') {
      const block = html`<div class="cell-outputs">${trusted(outputs)}</div>`.value;
      parts.push(tags.includes('hide-output') ? foldHtml('Show output', block) : block);
    }
  }
  return parts.join('');
}
