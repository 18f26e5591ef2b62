// Writes test/fixtures/media/media.ipynb: audio and video outputs exactly as IPython
// emits them. Debian has no small video file and ffmpeg is a 200 MB install, so the video is
// recorded by Debian's chromium (MediaRecorder on a canvas: a real VP8 WebM); the WAV is made by
// Python's `wave` module, and the HTML of both by IPython's own display objects (`_repr_html_()`)
// in Debian's Python (python3-ipykernel). Run: node scripts/make-media-fixtures.js
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'test/fixtures/media/media.ipynb');

/** About a second of a noisy moving canvas as WebM, base64: noise keeps it over 64 kB, the size above which media become asset files. */
async function recordWebm() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    return await page.evaluate(async () => {
      const canvas = Object.assign(document.createElement('canvas'), { width: 96, height: 64 });
      const g = canvas.getContext('2d');
      const recorder = new MediaRecorder(canvas.captureStream(25), {
        mimeType: 'video/webm;codecs=vp8',
        videoBitsPerSecond: 450_000,
      });
      const chunks = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const done = new Promise((ok) => (recorder.onstop = ok));
      recorder.start();
      for (let frame = 0; frame < 30; frame++) {
        const pixels = g.createImageData(96, 64);
        for (let i = 0; i < pixels.data.length; i++)
          pixels.data[i] = (i * 7 + frame * 13) % 4 === 3 ? 255 : Math.random() * 255;
        g.putImageData(pixels, 0, 0);
        await new Promise((ok) => setTimeout(ok, 40));
      }
      recorder.stop();
      await done;
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    });
  } finally {
    await browser.close();
  }
}

const PYTHON = String.raw`
import base64, io, json, math, struct, sys, wave
import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell, new_output
from IPython.display import Audio, HTML, Video

webm = base64.b64decode(sys.stdin.read())
buf = io.BytesIO()
with wave.open(buf, "wb") as w:  # a quarter second of 440 Hz, 8 kHz 8-bit mono: 2 kB, inline
    w.setnchannels(1); w.setsampwidth(1); w.setframerate(8000)
    w.writeframes(bytes(int(128 + 100 * math.sin(2 * math.pi * 440 * i / 8000)) for i in range(2000)))
wav = buf.getvalue()

def shown(obj, source, n):
    out = new_output("execute_result", data={"text/html": obj._repr_html_(), "text/plain": repr(obj)}, execution_count=n)
    return new_code_cell(source, outputs=[out], execution_count=n)

cells = [
    new_markdown_cell("# Media outputs\n\nA tone and a short clip, as IPython displays them."),
    shown(Audio(data=wav, rate=None), "Audio(data=wav)", 1),
    shown(Video(data=webm, embed=True, mimetype="video/webm"), "Video('clip.webm', embed=True)", 2),
    shown(HTML('<video controls src="data:video/webm;base64,' + base64.b64encode(webm).decode() + '"></video>'), "HTML('<video controls src=\"data:video/webm;base64,…\">')", 3),
]
nb = new_notebook(cells=cells)
nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}, "language_info": {"name": "python"}})
for i, cell in enumerate(nb.cells):
    cell.id = f"c{i:02d}"
nbformat.validate(nb)
sys.stdout.write(nbformat.writes(nb))
`;

const webm = await recordWebm();
const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { input: webm, encoding: 'utf8', maxBuffer: 64 << 20 });
if (r.status !== 0) throw new Error(`python failed:\n${r.stderr}`);
mkdirSync(dirname(OUT), { recursive: true });
const { writeFileSync } = await import('node:fs');
writeFileSync(OUT, r.stdout);
console.log(`${OUT}: video ${Math.round((webm.length * 3) / 4 / 1024)} kB`);
