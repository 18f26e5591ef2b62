// The limits each notebook is rendered within (README, "Limits"): markdown, math, highlighting and
// sanitizing run in a render process that is stopped past them, and the notebook gets one
// `render-timeout` or `render-failed` error instead of a page. Tests lower them through the
// environment variables below.

/**
 * Time one notebook may take to render, counted once its process has loaded the renderers (see
 * render-worker.ts). The slowest of the real corpus, fastpages' 2020-09-01-fastcore.ipynb, takes
 * 1.9 s as the first notebook of a process on a 2-core machine at load 19 (0.5 s after); a 91 MB
 * notebook of text outputs, 7 to 10 s. Six times the worst of those is left for slower machines.
 */
export const RENDER_TIMEOUT_MS = 60_000;

/**
 * JS heap of each render process. That 91 MB notebook renders within a 512 MB heap; a process
 * starts at ≈30 MB, holds ≈120 MB after the corpus and keeps ≈1 MB of each notebook (jsdom) until
 * it is replaced after 150: twice the worst of those.
 */
export const RENDER_MEMORY_MB = 1024;

export interface RenderLimits {
  readonly timeoutMs: number;
  readonly memoryMb: number;
}

const positive = (text: string | undefined): number | undefined => {
  const n = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
};

/** The limits, with `BINDERPRESS_RENDER_TIMEOUT` (seconds) and `BINDERPRESS_RENDER_MEMORY_MB` applied. */
export function renderLimits(env: NodeJS.ProcessEnv = process.env): RenderLimits {
  const seconds = positive(env.BINDERPRESS_RENDER_TIMEOUT);
  const memory = positive(env.BINDERPRESS_RENDER_MEMORY_MB);
  return {
    timeoutMs: seconds !== undefined ? Math.round(seconds * 1000) : RENDER_TIMEOUT_MS,
    memoryMb: memory !== undefined ? Math.floor(memory) : RENDER_MEMORY_MB,
  };
}
