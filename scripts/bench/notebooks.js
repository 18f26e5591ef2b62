// Generated notebooks with realistic content for the benchmark, shaped like a real course corpus of
// 67 executed notebooks (14 MB, 288 PNG outputs: ≈210 KB and 4 distinct plots a notebook): markdown
// with math, ≈20 code cells, four PNG plots, an HTML table, tracebacks with ANSI colours and a long
// stream. Plots are drawn once with sharp (a few variants, ≈35 KB each, noisy
// like matplotlib's) and made distinct per notebook and figure by a PNG text chunk, as matplotlib's
// own `Software` chunk would be: each is a new image to the build, as in a real course.
// Deterministic: notebook i is always the same bytes.
import sharp from 'sharp';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG (base64) with a `tEXt` chunk saying `text` after its header: distinct bytes, same picture. */
export function distinctPng(base64, text) {
  const png = Buffer.from(base64, 'base64');
  const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from(`Comment\0${text}`, 'latin1')]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), body.length + 4);
  const ihdrEnd = 8 + 25; // signature, then IHDR (4 length + 4 type + 13 data + 4 CRC)
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]).toString('base64');
}

/** Pseudo-random numbers in [0, 1), from a seed. */
function random(seed) {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => ((x = (x ^ (x << 13)) >>> 0), (x = (x ^ (x >>> 17)) >>> 0), (x = (x ^ (x << 5)) >>> 0)) / 2 ** 32;
}

/** A few distinct plot-like PNGs (scatter, fit line, grid, ticks, legend, rasterized), base64. */
export async function makePlots(count = 8) {
  const plots = [];
  for (let k = 0; k < count; k++) {
    const rnd = random(k + 1);
    const dots = Array.from({ length: 240 }, (_, j) => {
      const x = 60 + (j / 240) * 560;
      const y = 200 - 90 * Math.sin((j + k * 40) / 70) - 40 * (rnd() - 0.5) - 25 * (rnd() - 0.5);
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(2 + rnd() * 1.5).toFixed(2)}" fill="hsl(${(k * 45) % 360},65%,45%)" fill-opacity="0.55"/>`;
    }).join('');
    const fit = Array.from(
      { length: 120 },
      (_, j) => `${(60 + j * 4.7).toFixed(1)},${(200 - 90 * Math.sin((j * 3.75 + k * 40) / 70)).toFixed(1)}`,
    ).join(' ');
    const grid =
      Array.from(
        { length: 9 },
        (_, j) =>
          `<line x1="${60 + j * 70}" y1="30" x2="${60 + j * 70}" y2="350" stroke="#ddd"/><text x="${52 + j * 70}" y="368" font-size="11" font-family="DejaVu Sans, sans-serif">${j * 25}</text>`,
      ).join('') +
      Array.from(
        { length: 5 },
        (_, j) =>
          `<line x1="60" y1="${30 + j * 80}" x2="620" y2="${30 + j * 80}" stroke="#ddd"/><text x="20" y="${34 + j * 80}" font-size="11" font-family="DejaVu Sans, sans-serif">${(1 - j * 0.5).toFixed(1)}</text>`,
      ).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"><rect width="640" height="400" fill="white"/>${grid}
<line x1="60" y1="350" x2="620" y2="350" stroke="black"/><line x1="60" y1="30" x2="60" y2="350" stroke="black"/>${dots}
<polyline fill="none" stroke="#222" stroke-width="2" points="${fit}"/>
<rect x="480" y="40" width="130" height="44" fill="white" stroke="#999"/><text x="492" y="58" font-size="12" font-family="DejaVu Sans, sans-serif">observations</text><text x="492" y="76" font-size="12" font-family="DejaVu Sans, sans-serif">fit (degree ${(k % 4) + 1})</text>
<text x="300" y="392" font-size="13" font-family="DejaVu Sans, sans-serif">epoch</text></svg>`;
    plots.push((await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64'));
  }
  return plots;
}

const lines = (text) => text.split(/(?<=\n)/);

function table(i) {
  const rows = Array.from(
    { length: 12 },
    (_, r) =>
      `    <tr><th>${r}</th><td>${(i * 31 + r * 7) % 97}</td><td>${((i + r) * 0.37).toFixed(3)}</td><td>group-${(i + r) % 5}</td></tr>\n`,
  ).join('');
  return `<div>\n<table border="1" class="dataframe">\n  <thead><tr style="text-align: right;"><th></th><th>count</th><th>mean</th><th>group</th></tr></thead>\n  <tbody>\n${rows}  </tbody>\n</table>\n</div>`;
}

const traceback = (i) => [
  '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
  '\u001b[0;31mZeroDivisionError\u001b[0m                         Traceback (most recent call last)',
  `Cell \u001b[0;32mIn[${(i % 9) + 4}], line 2\u001b[0m\n\u001b[1;32m      1\u001b[0m values \u001b[38;5;241m=\u001b[39m [\u001b[38;5;241m1\u001b[39m, \u001b[38;5;241m2\u001b[39m]\n\u001b[0;32m----> 2\u001b[0m ratio \u001b[38;5;241m=\u001b[39m \u001b[38;5;241m1\u001b[39m \u001b[38;5;241m/\u001b[39m \u001b[38;5;241m0\u001b[39m\n`,
  '\u001b[0;31mZeroDivisionError\u001b[0m: division by zero',
];

const md = (source) => ({ cell_type: 'markdown', metadata: {}, source: lines(source) });
const code = (source, outputs, n) => ({
  cell_type: 'code',
  execution_count: n,
  metadata: {},
  source: lines(source),
  outputs,
});

/**
 * Notebook `i` of build `branch` (a string of JSON, ≈200 KB). `edit` adds a sentence to one
 * markdown cell in the middle (the rest of the notebook unchanged): an edit made in one branch.
 */
export function notebook(i, branch, plots, revision = 0, edit = undefined) {
  const figure = (k) =>
    distinctPng(plots[(i * 4 + k) % plots.length], `bench notebook ${i} figure ${k} revision ${revision}`);
  const stream = Array.from(
    { length: 150 },
    (_, k) => `epoch ${k + 1}/150 - loss: ${(1 / (k + 1 + i)).toFixed(5)} - accuracy: ${(k / 150).toFixed(4)}\n`,
  ).join('');
  const plotCell = (k, n) => [
    md(
      `### Figure ${k + 1}\n\nThe residuals $r_k = y_k - \\hat{y}_k$ for degree ${k + 1}; the fit minimises $\\sum_k r_k^2$ and we expect $\\mathbb{E}[r_k] = 0$.\n`,
    ),
    code(
      `fig, ax = plt.subplots(figsize=(8, 5))\nax.scatter(x, y, s=8, alpha=0.55, label="observations")\ncoef = np.polyfit(x, y, ${k + 1})\nax.plot(x, np.polyval(coef, x), color="k", label="fit (degree ${k + 1})")\nax.set_xlabel("epoch")\nax.legend()\nplt.show()\n`,
      [
        {
          output_type: 'display_data',
          metadata: {},
          data: { 'image/png': figure(k), 'text/plain': ['<Figure size 800x500 with 1 Axes>'] },
        },
      ],
      n,
    ),
    code(
      `coef.round(3)\n`,
      [
        {
          output_type: 'execute_result',
          execution_count: n + 1,
          metadata: {},
          data: {
            'text/plain': [
              `array([${Array.from({ length: k + 2 }, (_, j) => (((i + j * 7) % 13) / 10 - 0.6).toFixed(3)).join(', ')}])`,
            ],
          },
        },
      ],
      n + 1,
    ),
  ];
  const cells = [
    md(
      `# Lesson ${i}: fitting a model${revision ? ` (revision ${revision})` : ''}\n\nIn this lesson of *${branch}* we fit $y = ax^2 + bx + c$ to noisy data and look at the loss.\n\n## Background\n\nThe least-squares estimate minimises\n\n$$\\sum_{k=1}^{n} \\left(y_k - \\hat{y}_k\\right)^2 = \\lVert y - X\\beta \\rVert^2$$\n\nSee [the next lesson](lesson-${String(i + 1).padStart(5, '0')}.ipynb) and the [data](data/readme.md).\n\n- item one with \`inline code\`\n- item two with **bold** text\n`,
    ),
    code(
      `import numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt\n\nrng = np.random.default_rng(${i})\nx = np.linspace(-3, 3, 200)\ny = 0.5 * x**2 - x + 2 + rng.normal(0, 0.3, x.size)\n`,
      [],
      1,
    ),
    code(
      `df = pd.DataFrame({"count": rng.integers(0, 100, 12), "mean": rng.random(12)})\ndf.describe()\n`,
      [
        {
          output_type: 'execute_result',
          execution_count: 2,
          metadata: {},
          data: { 'text/html': lines(table(i)), 'text/plain': lines(`   count  mean\n0  ${i % 97}  0.5\n`) },
        },
      ],
      2,
    ),
    code(
      `def design_matrix(x, degree):\n    """Columns x**0 .. x**degree."""\n    return np.vander(x, degree + 1, increasing=True)\n\nX = design_matrix(x, 2)\nbeta, *_ = np.linalg.lstsq(X, y, rcond=None)\nprint(f"beta = {beta.round(3)}")\n`,
      [{ output_type: 'stream', name: 'stdout', text: [`beta = [${(2 + (i % 5) / 10).toFixed(3)} -1.0 0.5]\n`] }],
      3,
    ),
    ...plotCell(0, 4),
    ...plotCell(1, 6),
    ...plotCell(2, 8),
    ...plotCell(3, 10),
    md(
      `## Training\n\nWe train for 150 epochs; the loss falls like $\\mathcal{O}(1/t)$.\n${edit ? `\n${edit}\n` : ''}`,
    ),
    code(
      `for epoch in range(150):\n    loss = train_one_epoch(model, data)\n    print(f"epoch {epoch+1}/150 - loss: {loss:.5f}")\n`,
      [{ output_type: 'stream', name: 'stdout', text: lines(stream) }],
      12,
    ),
    code(
      `values = [1, 2]\nratio = 1 / 0\n`,
      [{ output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: traceback(i) }],
      13,
    ),
    code(
      `summary = {"lesson": ${i}, "r2": ${(0.9 + (i % 10) / 100).toFixed(2)}, "degree": 2}\nsummary\n`,
      [
        {
          output_type: 'execute_result',
          execution_count: 14,
          metadata: {},
          data: { 'text/plain': [`{'lesson': ${i}, 'r2': ${(0.9 + (i % 10) / 100).toFixed(2)}, 'degree': 2}`] },
        },
      ],
      14,
    ),
    md(
      `## Exercise ${i}\n\n1. Change the noise level and re-run.\n2. Compare $R^2$ for degrees 1–4.\n\n> Tip: use \`np.polyfit\`.\n`,
    ),
  ];
  return JSON.stringify(
    {
      cells: cells.map((c, k) => ({ id: `c${i}-${k}`, ...c })),
      metadata: {
        kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
        language_info: { name: 'python', version: '3.11.4' },
        title: `Lesson ${i}`,
        tags: [`topic-${i % 7}`],
      },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}
