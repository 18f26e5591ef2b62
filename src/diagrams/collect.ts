// Finds every diagram a notebook will show, before rendering: fenced blocks in markdown (cells,
// raw markdown cells, `text/markdown` outputs), diagram MIME outputs and Bokeh documents of code cells.
// The lexer is marked's own (a fresh `new Marked()` with GFM), so fences are found exactly where
// the markdown renderer will see them: ``` and ~~~, inside lists and block quotes.
import { Marked } from 'marked';
import type { Token } from 'marked';
import { bokehDocument } from '../render/bokeh.js';
import { decodeBase64 } from '../render/images.js';
import { assetHash } from '../render/sink.js';
import { widgetPictureSources } from '../render/widgets.js';
import type { Cell, Notebook, Output } from '../types.js';
import { diagramKindOf, outputSource } from './kind.js';
import type { DiagramKind } from './kind.js';

export interface DiagramSource {
  readonly kind: DiagramKind;
  /** Fence body text, or for JSON outputs `JSON.stringify(spec)` (the renderer's lookup key). */
  readonly source: string;
  /** Index of the cell (0-based). */
  readonly cell: number;
}

const marked = new Marked({ gfm: true });

/** Every diagram of a notebook, in cell order. */
export function collectDiagrams(nb: Notebook): DiagramSource[] {
  const widgets = widgetPictureSources(nb).map(
    ({ source, cell }): DiagramSource => ({ kind: 'ipywidget', source, cell }),
  );
  return [...nb.cells.flatMap((cell, index) => collectFromCell(cell, index)), ...widgets];
}

function collectFromCell(cell: Cell, index: number): DiagramSource[] {
  switch (cell.type) {
    case 'markdown':
      return collectFromMarkdown(cell.source, index);
    case 'raw':
      return cell.format === 'text/markdown' ? collectFromMarkdown(cell.source, index) : [];
    case 'code':
      return cell.outputs.flatMap((output) => collectFromOutput(output, index));
  }
}

/** Diagram fences of a markdown text. */
export function collectFromMarkdown(markdown: string, cell: number): DiagramSource[] {
  const found: DiagramSource[] = [];
  let tokens: Token[];
  try {
    tokens = marked.lexer(markdown);
  } catch {
    return found; // the markdown renderer reports unreadable markdown; nothing to draw here
  }
  walkTokens(tokens, (token) => {
    if (token.type !== 'code' || token.codeBlockStyle === 'indented') return;
    const lang = /^\S*/.exec(String(token.lang ?? ''))?.[0] ?? '';
    const kind = diagramKindOf(lang);
    if (kind) found.push({ kind, source: String(token.text), cell });
  });
  return found;
}

/** Every token in document order, without recursion (block quotes can nest thousands deep). */
function walkTokens(tokens: readonly Token[], visit: (token: Token) => void): void {
  const stack: Token[] = [...tokens].reverse();
  while (stack.length > 0) {
    const token = stack.pop()!;
    visit(token);
    const nested = token as { tokens?: Token[]; items?: Token[] };
    const children = [
      ...(Array.isArray(nested.tokens) ? nested.tokens : []),
      ...(Array.isArray(nested.items) ? nested.items : []),
    ];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function collectFromOutput(output: Output, cell: number): DiagramSource[] {
  if (output.type !== 'display_data' && output.type !== 'execute_result') return [];
  const bokeh = bokehDocument(output.data);
  if (bokeh) return bokeh.ok ? [{ kind: 'bokeh', source: bokeh.source, cell }] : [];
  const found: DiagramSource[] = [];
  for (const mime of Object.keys(output.data).sort()) {
    const value = output.data[mime];
    if (mime === 'text/markdown' && typeof value === 'string') {
      found.push(...collectFromMarkdown(value, cell));
      continue;
    }
    const kind = diagramKindOf(mime);
    if (!kind || value === undefined || value === null) continue;
    const source = outputSource(value);
    if (source) found.push({ kind, source, cell });
  }
  return found;
}

/** A raster output image, keyed the way the renderer looks it up (`assetHash` of its bytes). */
export interface RasterOutput {
  readonly hash: string;
  readonly bytes: Uint8Array;
  readonly mime: string;
  /** Index of the cell whose output holds it. */
  readonly cell: number;
}

const RASTER_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Every raster image in the outputs of a notebook's code cells (input for `measureImages`). */
export function collectRasterImages(nb: Notebook): RasterOutput[] {
  const found: RasterOutput[] = [];
  for (const [index, cell] of nb.cells.entries()) {
    if (cell.type !== 'code') continue;
    for (const output of cell.outputs) {
      if (output.type !== 'display_data' && output.type !== 'execute_result') continue;
      for (const mime of RASTER_MIMES) {
        const bytes = decodeBase64(output.data[mime]);
        if (bytes) found.push({ hash: assetHash(bytes), bytes, mime, cell: index });
      }
    }
  }
  return found;
}
