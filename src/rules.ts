// Every diagnostic rule binderpress reports: its id, default severity and what it means. `rule`
// in a Diagnostic is typed by this table, so a new rule is added here or does not compile; the
// README's table of rules is made from it (`npm run docs:rules`; a test keeps them equal), and
// `rules:` in the config changes a rule's severity or turns it off.
import type { Severity } from './types.js';

export interface RuleInfo {
  readonly severity: Severity;
  readonly description: string;
}

export const RULES = {
  'binder-env-commit-fallback': {
    severity: 'info',
    description:
      '`binder.ref: env-commit` cannot pull the branch into the environment (no nbgitpuller, or no http(s) clone URL); links open the branch tip commit.',
  },
  'binder-no-repository': {
    severity: 'warning',
    description: 'No repository is known, so pages have no "Run this" links.',
  },
  'bokeh-unreadable': {
    severity: 'warning',
    description:
      'A Bokeh output holds no document BokehJS 3 can read (saved by Bokeh 2 or older, or its script is malformed); it is shown as text.',
  },
  'cache-unwritable': {
    severity: 'warning',
    description: 'The cache folder cannot be written; the build renders everything without it.',
  },
  'cell-id-duplicate': { severity: 'warning', description: 'Two cells of a notebook share one id.' },
  'cell-id-invalid': { severity: 'warning', description: 'A cell id is not 1–64 letters, digits, `-` and `_`.' },
  'cell-id-missing': {
    severity: 'warning',
    description: 'Cells have no `id` (required since nbformat 4.5); one warning a notebook.',
  },
  'cell-invalid-key': { severity: 'warning', description: 'A cell field has the wrong type; it was ignored.' },
  'cell-missing-execution-count': { severity: 'warning', description: 'A code cell has no `execution_count`.' },
  'cell-missing-key': { severity: 'warning', description: 'A cell lacks a required field.' },
  'cell-not-object': { severity: 'warning', description: 'A cell is not a JSON object; it was skipped.' },
  'cell-unknown-type': {
    severity: 'warning',
    description: 'A cell type is not code, markdown or raw; it was skipped.',
  },
  'diagram-crashed': {
    severity: 'warning',
    description: 'A diagram crashed its renderer (or the browser page drawing it); its source is shown.',
  },
  'diagram-invalid': { severity: 'warning', description: 'A diagram could not be drawn; its source is shown.' },
  'diagram-no-browser': {
    severity: 'warning',
    description:
      "No browser to draw mermaid diagrams, Plotly charts, Bokeh plots and pictures of widgets; mermaid's source is shown, the others' next representation (live widgets still come alive on the page).",
  },
  'diagram-timeout': {
    severity: 'warning',
    description: 'A diagram took longer than the 15 s limit to draw and was stopped; its source is shown.',
  },
  'diagram-too-large': {
    severity: 'warning',
    description: 'A diagram is over the size, nesting or 512 MB memory limit; its source is shown.',
  },
  'env-both-binder-dirs': {
    severity: 'error',
    description: 'Both `binder/` and `.binder/` exist; repo2docker refuses the repository.',
  },
  'env-branch-missing': {
    severity: 'warning',
    description:
      'The environment branch `binder.environment` names is not in the repository; it is not described nor checked.',
  },
  'env-elsewhere': {
    severity: 'info',
    description:
      'The environment `binder.environment` names is in another repository; it is not described nor checked here.',
  },
  'env-file-ignored': {
    severity: 'info',
    description: 'An environment file that Binder ignores beside the one it uses.',
  },
  'env-invalid-file': {
    severity: 'warning',
    description: 'An environment file cannot be parsed; Binder will fail to build it.',
  },
  'env-missing-module': {
    severity: 'warning',
    description: 'A notebook imports a module its environment does not install.',
  },
  'env-none': { severity: 'warning', description: 'No Binder environment files; Binder uses its default image.' },
  'env-postbuild-no-set-e': {
    severity: 'warning',
    description: '`postBuild` does not stop at its first failing command.',
  },
  'env-runtime-overridden': {
    severity: 'warning',
    description: '`runtime.txt` is overridden by the Python `environment.yml` pins.',
  },
  'execute-cell-error': {
    severity: 'warning',
    description: 'Executing a notebook stopped at a cell that raised; the page shows the outputs up to it.',
  },
  'execute-failed': {
    severity: 'warning',
    description: 'A notebook could not be executed (the runner failed, or the whole-notebook limit was reached).',
  },
  'execute-kernel-died': {
    severity: 'warning',
    description: 'The kernel died while executing a notebook; the page shows the outputs up to it.',
  },
  'execute-no-kernel': {
    severity: 'warning',
    description: 'The kernel a notebook names is not installed for the Python that executes notebooks.',
  },
  'execute-no-python': {
    severity: 'warning',
    description: 'No Python with nbclient was found, so notebooks saved without outputs are rendered as saved.',
  },
  'execute-timeout': { severity: 'warning', description: 'A cell ran longer than `execute.timeout` and was stopped.' },
  'html-too-deep': { severity: 'warning', description: 'HTML nested over 512 elements deep; shown as its source.' },
  'image-unreadable': { severity: 'warning', description: 'An output image cannot be decoded; it is shown as it is.' },
  'markdown-attachment-invalid': { severity: 'warning', description: 'A markdown cell attachment is not valid data.' },
  'markdown-attachment-missing': {
    severity: 'warning',
    description: 'Markdown links to an `attachment:` the cell does not hold.',
  },
  'markdown-image-missing': { severity: 'warning', description: 'Markdown shows an image that is not in the branch.' },
  'markdown-too-deep': {
    severity: 'warning',
    description: 'A markdown cell nests lists or blockquotes over 32 levels deep; it is shown as its source.',
  },
  'math-invalid': { severity: 'warning', description: 'Math KaTeX cannot render; its source is shown in red.' },
  'metadata-invalid-date': {
    severity: 'warning',
    description: 'A date in the notebook metadata or front matter is not a date.',
  },
  'metadata-invalid-yaml': { severity: 'warning', description: 'Front matter is not valid YAML; it was ignored.' },
  'metadata-yaml-too-complex': {
    severity: 'warning',
    description: 'Front matter is too long, too deep, expands too many aliases or refers to itself; it was ignored.',
  },
  'notebook-binary': {
    severity: 'error',
    description: 'The `.ipynb` file is an image, PDF or archive, not a notebook.',
  },
  'notebook-bom': { severity: 'warning', description: 'The notebook starts with a UTF-8 byte-order mark.' },
  'notebook-earlier-version': {
    severity: 'warning',
    description: 'The notebook cannot be read at the branch tip; its page shows its last readable commit.',
  },
  'notebook-empty': { severity: 'error', description: 'The notebook file is empty.' },
  'notebook-encoding': { severity: 'warning', description: 'The notebook is not encoded as UTF-8.' },
  'notebook-invalid-json': { severity: 'error', description: 'The notebook is not valid JSON.' },
  'notebook-invalid-key': {
    severity: 'warning',
    description: 'A top-level notebook field has the wrong type; it was ignored.',
  },
  'notebook-invalid-utf8': { severity: 'warning', description: 'The notebook holds bytes that are not UTF-8.' },
  'notebook-lfs-pointer': { severity: 'error', description: 'The file is a Git LFS pointer, not the notebook.' },
  'notebook-merge-conflict': {
    severity: 'error',
    description: 'The notebook holds unresolved merge-conflict markers.',
  },
  'notebook-missing-key': { severity: 'warning', description: 'The notebook lacks a required top-level field.' },
  'notebook-not-object': { severity: 'error', description: 'The notebook is JSON but not an object.' },
  'notebook-old-format': { severity: 'info', description: 'An nbformat 3 notebook, upgraded to nbformat 4 to render.' },
  'notebook-too-deep': {
    severity: 'warning',
    description: 'Notebook JSON nests over 256 levels deep; what lies deeper was cut.',
  },
  'notebook-too-large': { severity: 'error', description: 'The notebook file is over 100 MB; it is left out.' },
  'notebook-too-many-cells': {
    severity: 'warning',
    description: 'The notebook has over 10,000 cells; the rest are left out.',
  },
  'notebook-trailing-data': { severity: 'warning', description: 'Text follows the notebook JSON object.' },
  'notebook-unknown-format': { severity: 'error', description: 'The nbformat version is not 3 or 4.' },
  'output-collision': {
    severity: 'error',
    description: 'Two things would be written to one output path; one is left out.',
  },
  'output-image-invalid': { severity: 'warning', description: 'An image output is not valid base64.' },
  'output-invalid-key': { severity: 'warning', description: 'An output field has the wrong type; it was dropped.' },
  'output-media-dropped': {
    severity: 'warning',
    description:
      "An audio or video player in an HTML output lost a URL it may not play (not https, the site's or base64 audio/video `data:`) or an event handler; a player left with nothing to play is left out.",
  },
  'output-media-unpublished': {
    severity: 'warning',
    description:
      'An audio or video player in an HTML output plays a file by relative path; the site publishes no such file, so the player stays empty.',
  },
  'output-missing-key': { severity: 'warning', description: 'An output lacks a required field.' },
  'output-not-list': { severity: 'warning', description: 'A code cell has no `outputs` list.' },
  'output-not-object': { severity: 'warning', description: 'An output is not a JSON object; it was skipped.' },
  'output-svg-invalid': { severity: 'warning', description: 'An SVG output is not a usable SVG image.' },
  'output-path-too-long': {
    severity: 'error',
    description: 'A file whose output name or path no disk can hold (255, 1,024 bytes); it is left out.',
  },
  'output-too-large': {
    severity: 'warning',
    description: 'An output of 1 MB or more; feeds show its start only, and past the page limits the page too.',
  },
  'output-unknown-type': { severity: 'warning', description: 'An output type nbformat does not know; it was skipped.' },
  'render-cell-failed': {
    severity: 'error',
    description: 'A cell could not be rendered; the rest of the notebook is.',
  },
  'render-failed': {
    severity: 'error',
    description:
      'A notebook crashed its render process, threw, or needed more than the 1024 MB memory limit; it is left out (or its last commit that renders is shown).',
  },
  'render-timeout': {
    severity: 'error',
    description:
      'A notebook took longer than the 60 s limit to render and was stopped; it is left out (or its last commit that renders is shown).',
  },
  'site-url-cname-invalid': {
    severity: 'warning',
    description: 'The `CNAME` file where the site is published does not hold a hostname; the site address falls back.',
  },
  'site-url-from-cname': {
    severity: 'info',
    description: 'The site address comes from the `CNAME` file of the published branch or the default branch.',
  },
  'site-url-missing': { severity: 'warning', description: 'No site URL is known; feeds point at localhost.' },
  'social-image-failed': {
    severity: 'warning',
    description: "A notebook's title card could not be drawn; its page has none.",
  },
  'source-file-too-large': { severity: 'warning', description: 'An image of the branch over 20 MB; it was left out.' },
  'source-no-notebooks': {
    severity: 'info',
    description: 'A branch or folder holds no notebooks; it is left out of the site.',
  },
  'source-outside-build': {
    severity: 'warning',
    description: 'A notebook directly in a `--dir` folder that has build subfolders.',
  },
  'source-submodule': { severity: 'warning', description: 'A git submodule; its files are not part of the build.' },
  'source-symlink': { severity: 'warning', description: 'A symbolic link in the branch; it is not followed.' },
  'source-unreadable': { severity: 'warning', description: 'A file of a `--dir` folder cannot be read.' },
  'source-unsafe-path': {
    severity: 'warning',
    description: 'A path that could escape the output folder; it was left out.',
  },
  'tag-too-long': { severity: 'warning', description: 'A tag longer than 64 characters; it is left out.' },
  'theme-link-outside': {
    severity: 'warning',
    description: "A symbolic link in the theme's `static/` that leads outside the theme folder; it is not published.",
  },
  'title-duplicate': {
    severity: 'warning',
    description: 'Notebooks of one build share a title; lists and feeds cannot tell them apart.',
  },
  'toc-invalid': { severity: 'warning', description: '`_toc.yml` cannot be read; notebooks are ordered by path.' },
  'toc-missing-file': { severity: 'warning', description: '`_toc.yml` lists a file that is not in the branch.' },
  'too-many-tags': {
    severity: 'warning',
    description: 'More than 32 tags on a notebook, or 1,000 in a site; the rest have no page.',
  },
  'widget-state-too-large': {
    severity: 'warning',
    description: "A notebook's saved widget state is over 4 MB; its widgets show their text, not live.",
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const isRuleId = (id: string): id is RuleId => Object.hasOwn(RULES, id);

/** The README's table of rules, made from the catalogue. */
export function rulesTable(): string {
  const rows = Object.entries(RULES).map(([id, r]) => `| \`${id}\` | ${r.severity} | ${r.description} |`);
  return ['| rule | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
