// Test support: runs `fn` with BINDERPRESS_CHROMIUM set to `value`, restoring it afterwards.
export async function withChromium<T>(value: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.BINDERPRESS_CHROMIUM;
  process.env.BINDERPRESS_CHROMIUM = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.BINDERPRESS_CHROMIUM;
    else process.env.BINDERPRESS_CHROMIUM = saved;
  }
}
