// The data that flows between pipeline stages. Every stage takes and returns these plain,
// read-only values, its problems as Diagnostics beside them; nothing here touches the disk, git or
// the clock. The build runs in two passes (build.ts):
//
//   sources: BranchRef + NotebookSource refs (pipeline/read-sources.ts)
//   pass 1, per notebook: render cache hit, or bytes → Notebook → RenderedNotebook → NotebookEntry
//     (pipeline/render-unit.ts; the title heading is cut from the HTML here, once)
//   site model: PreparedBuild{PreparedNotebook[]} → SiteModel (site/site-model.ts)
//   pass 2: PlannedFile[] (pipeline/site-pass.ts, plan-output.ts) → atomic write (io/write-site.ts)
//
// OutputFile is a file whose bytes are made already (static files); SourceBuild the whole of a
// branch read at once (source/read-branch.ts, source/folders.ts).

import type { ExecutionCount, OutputType, StreamType } from '@jupyterlab/nbformat';
import type { RuleId } from './rules.js';

// ─── diagnostics ────────────────────────────────────────────────────────────────────────────

export type Severity = 'error' | 'warning' | 'info';

/** A problem with one item. It travels beside values; the build goes on. */
export interface Diagnostic {
  /** Stable rule id, kebab-case, e.g. `notebook-invalid-json`. */
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Branch (or folder, for `--dir` builds) the problem is in; '' when site-wide. */
  readonly branch: string;
  /** Path of the file inside the branch; '' when it concerns the whole branch. */
  readonly path: string;
  /** Cell index (0-based) or cell id; shown to people as `cellLabel` gives it. */
  readonly cell?: number | string;
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

/** How a diagnostic's cell reads in messages: counted from 1, as the messages that name a cell count. */
export function cellLabel(cell: number | string): string {
  return typeof cell === 'number' ? `cell ${cell + 1}` : `cell ${cell}`;
}

// ─── source ─────────────────────────────────────────────────────────────────────────────────

export interface CommitInfo {
  readonly sha: string;
  /** ISO 8601 with offset, as git prints `%aI`. */
  readonly date: string;
  readonly author: string;
  readonly email: string;
}

export interface BranchRef {
  /** Short branch name, e.g. `course/intro`. For `--dir` builds: the folder name. */
  readonly name: string;
  /** Tip commit sha; for `--dir` builds a content hash of the folder. */
  readonly commit: string;
  /** The tip commit's details (date of the build's last update). */
  readonly tip: CommitInfo;
}

/** Where a notebook is: branch, path, content hash and the last commit that changed it. */
export interface NotebookSource {
  readonly branch: string;
  /** Path inside the branch, `/`-separated, e.g. `lessons/01 intro.ipynb`. */
  readonly path: string;
  /** Git blob sha (or content sha1 for folders): the content hash. */
  readonly blob: string;
  /** The last commit on this branch that changed this file. */
  readonly lastCommit: CommitInfo;
}

/** A notebook read from a branch, not yet parsed. */
export interface SourceNotebook {
  readonly branch: string;
  /** Path inside the branch, `/`-separated, e.g. `lessons/01 intro.ipynb`. */
  readonly path: string;
  /** Git blob sha (or content sha1 for folders): the content hash. */
  readonly blob: string;
  readonly bytes: Uint8Array;
  /** The last commit on this branch that changed this file. */
  readonly lastCommit: CommitInfo;
}

/** Any other file of a branch that the site needs (images, environment files). */
export interface SourceFile {
  readonly path: string;
  readonly blob: string;
  readonly bytes: Uint8Array;
}

/** Everything read from one branch. */
export interface SourceBuild {
  readonly branch: BranchRef;
  readonly notebooks: readonly SourceNotebook[];
  /** Images and other files referenced by notebooks, copied to the output as they are. */
  readonly files: readonly SourceFile[];
  /** Binder environment files (repo2docker), by path. */
  readonly envFiles: readonly SourceFile[];
  /** Every path in the branch (for resolving links), sorted. */
  readonly paths: readonly string[];
  /** The course's table of contents (`_toc.yml`, else `_toc.yaml`, at the root), when present. */
  readonly toc?: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

// ─── notebook model (normalized nbformat 4) ─────────────────────────────────────────────────
// nbformat's own names (`@jupyterlab/nbformat`) where a value keeps the file's meaning; text is
// joined from nbformat's multiline strings, and outputs nbformat does not define are left out.

/** A MIME bundle: text values joined into one string, JSON values kept as parsed JSON. */
export type MimeBundle = Readonly<Record<string, string | unknown>>;

export type JsonObject = Readonly<Record<string, unknown>>;

export interface StreamOutput {
  readonly type: Extract<OutputType, 'stream'>;
  readonly name: StreamType;
  readonly text: string;
}
export interface DisplayOutput {
  readonly type: Extract<OutputType, 'display_data' | 'execute_result'>;
  readonly data: MimeBundle;
  readonly metadata: JsonObject;
  readonly executionCount?: ExecutionCount;
}
export interface ErrorOutput {
  readonly type: Extract<OutputType, 'error'>;
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: readonly string[];
}
export type Output = StreamOutput | DisplayOutput | ErrorOutput;

interface CellBase {
  /** Cell id (nbformat 4.5) or a generated stable one (`cell-{index}`). */
  readonly id: string;
  readonly source: string;
  readonly metadata: JsonObject;
  /** `metadata.tags`, plus tags implied by Quarto options / fastpages comments. */
  readonly tags: readonly string[];
}
export interface MarkdownCell extends CellBase {
  readonly type: 'markdown';
  readonly attachments: Readonly<Record<string, MimeBundle>>;
}
export interface CodeCell extends CellBase {
  readonly type: 'code';
  readonly executionCount: ExecutionCount;
  readonly outputs: readonly Output[];
}
export interface RawCell extends CellBase {
  readonly type: 'raw';
  /** `metadata.format` / `raw_mimetype`, e.g. `text/html`, `text/markdown`; '' if none. */
  readonly format: string;
}
export type Cell = MarkdownCell | CodeCell | RawCell;

export interface NotebookMeta {
  readonly title: string;
  readonly summary: string;
  readonly description?: string;
  readonly authors: readonly string[];
  readonly tags: readonly string[];
  /** An explicit date from metadata/front matter (ISO 8601); the git date is used otherwise. */
  readonly date?: string;
  /** Language of code cells, e.g. `python`. */
  readonly language: string;
}

export interface Notebook {
  readonly nbformat: number;
  readonly nbformatMinor: number;
  /** Notebook-level metadata as found in the file. */
  readonly metadata: JsonObject;
  readonly cells: readonly Cell[];
}

// ─── rendering ──────────────────────────────────────────────────────────────────────────────

/** A file produced by rendering (decoded output image, attachment), named by its content hash. */
export interface Asset {
  /** `{sha256 hex, 16 chars}.{ext}`: the same bytes always get the same name. */
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

export interface Heading {
  readonly level: number;
  /** Plain text; math as its TeX. */
  readonly text: string;
  readonly id: string;
  /** Only for a heading with math: its text as HTML with the math rendered (for the page header). */
  readonly html?: string;
  /** The heading is the first thing the notebook shows: it can stand in for the page header. */
  readonly opens?: true;
}

export interface RenderedNotebook {
  /** Sanitized HTML of the notebook body (cells only; no page chrome). */
  readonly html: string;
  /** `html` as feeds carry it, when that differs: long outputs cut (see render/feed-cut.ts). */
  readonly feedHtml?: string;
  readonly headings: readonly Heading[];
  readonly assets: readonly Asset[];
  /** Asset name of the first figure, for social/feed images. */
  readonly firstImage?: string;
  /** Site paths of the scripts its live charts need, in order (src/render/live-charts.ts). */
  readonly scripts?: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

// ─── site and output ────────────────────────────────────────────────────────────────────────

/** One file of the finished site, relative to the output folder (`/`-separated). */
export interface OutputFile {
  readonly path: string;
  readonly content: string | Uint8Array;
  /** What produced it, for collision messages: e.g. `branch course/intro, notebook a.ipynb`. */
  readonly origin: string;
}
