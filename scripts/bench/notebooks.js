// Generated notebooks with realistic content for the benchmark: markdown with math, code,
// PNG plots (drawn once with sharp, a few variants), HTML tables, tracebacks with ANSI colours
// and long streams. Deterministic: notebook i is always the same bytes.
import sharp from 'sharp';

/** A few distinct plot-like PNGs (a line chart drawn as SVG and rasterized), base64. */
export async function makePlots(count = 8) {
  const plots = [];
  for (let k = 0; k < count; k++) {
    const points = Array.from({ length: 60 }, (_, x) => `${20 + x * 9},${150 - Math.round(60 * Math.sin((x + k * 7) / 6) + 30 * Math.cos((x * (k + 1)) / 11))}`).join(' ');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="576" height="288"><rect width="576" height="288" fill="white"/>
<line x1="20" y1="260" x2="560" y2="260" stroke="black"/><line x1="20" y1="20" x2="20" y2="260" stroke="black"/>
<polyline fill="none" stroke="hsl(${k * 45},70%,40%)" stroke-width="2" points="${points}"/>
<text x="280" y="280" font-size="12" font-family="sans-serif">epoch</text></svg>`;
    plots.push((await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64'));
  }
  return plots;
}

const lines = (text) => text.split(/(?<=\n)/);

function table(i) {
  const rows = Array.from({ length: 12 }, (_, r) => `    <tr><th>${r}</th><td>${(i * 31 + r * 7) % 97}</td><td>${((i + r) * 0.37).toFixed(3)}</td><td>group-${(i + r) % 5}</td></tr>\n`).join('');
  return `<div>\n<table border="1" class="dataframe">\n  <thead><tr style="text-align: right;"><th></th><th>count</th><th>mean</th><th>group</th></tr></thead>\n  <tbody>\n${rows}  </tbody>\n</table>\n</div>`;
}

const traceback = (i) => [
  '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
  '\u001b[0;31mZeroDivisionError\u001b[0m                         Traceback (most recent call last)',
  `Cell \u001b[0;32mIn[${i % 9 + 4}], line 2\u001b[0m\n\u001b[1;32m      1\u001b[0m values \u001b[38;5;241m=\u001b[39m [\u001b[38;5;241m1\u001b[39m, \u001b[38;5;241m2\u001b[39m]\n\u001b[0;32m----> 2\u001b[0m ratio \u001b[38;5;241m=\u001b[39m \u001b[38;5;241m1\u001b[39m \u001b[38;5;241m/\u001b[39m \u001b[38;5;241m0\u001b[39m\n`,
  '\u001b[0;31mZeroDivisionError\u001b[0m: division by zero',
];

const md = (source) => ({ cell_type: 'markdown', metadata: {}, source: lines(source) });
const code = (source, outputs, n) => ({ cell_type: 'code', execution_count: n, metadata: {}, source: lines(source), outputs });

/** Notebook `i` of build `branch` (a string of JSON, ≈60–90 KB). */
export function notebook(i, branch, plots, revision = 0) {
  const plot = plots[i % plots.length];
  const stream = Array.from({ length: 150 }, (_, k) => `epoch ${k + 1}/150 - loss: ${(1 / (k + 1 + i)).toFixed(5)} - accuracy: ${(k / 150).toFixed(4)}\n`).join('');
  const cells = [
    md(`# Lesson ${i}: fitting a model${revision ? ` (revision ${revision})` : ''}\n\nIn this lesson of *${branch}* we fit $y = ax^2 + bx + c$ to noisy data and look at the loss.\n\n## Background\n\nThe least-squares estimate minimises\n\n$$\\sum_{k=1}^{n} \\left(y_k - \\hat{y}_k\\right)^2 = \\lVert y - X\\beta \\rVert^2$$\n\nSee [the next lesson](lesson-${String(i + 1).padStart(5, '0')}.ipynb) and the [data](data/readme.md).\n\n- item one with \`inline code\`\n- item two with **bold** text\n`),
    code(`import numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt\n\nrng = np.random.default_rng(${i})\nx = np.linspace(-3, 3, 200)\ny = 0.5 * x**2 - x + 2 + rng.normal(0, 0.3, x.size)\n`, [], 1),
    code(`df = pd.DataFrame({"count": rng.integers(0, 100, 12), "mean": rng.random(12)})\ndf.describe()\n`, [{ output_type: 'execute_result', execution_count: 2, metadata: {}, data: { 'text/html': lines(table(i)), 'text/plain': lines(`   count  mean\n0  ${i % 97}  0.5\n`) } }], 2),
    code(`fig, ax = plt.subplots(figsize=(8, 4))\nax.plot(x, y, ".", alpha=0.4)\nax.set_xlabel("epoch")\nplt.show()\n`, [{ output_type: 'display_data', metadata: {}, data: { 'image/png': plot, 'text/plain': ['<Figure size 800x400 with 1 Axes>'] } }], 3),
    md(`## Training\n\nWe train for 150 epochs; the loss falls like $\\mathcal{O}(1/t)$.\n`),
    code(`for epoch in range(150):\n    loss = train_one_epoch(model, data)\n    print(f"epoch {epoch+1}/150 - loss: {loss:.5f}")\n`, [{ output_type: 'stream', name: 'stdout', text: lines(stream) }], 4),
    code(`values = [1, 2]\nratio = 1 / 0\n`, [{ output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: traceback(i) }], 5),
    md(`## Exercise ${i}\n\n1. Change the noise level and re-run.\n2. Compare $R^2$ for degrees 1–4.\n\n> Tip: use \`np.polyfit\`.\n`),
  ];
  return JSON.stringify({
    cells: cells.map((c, k) => ({ id: `c${i}-${k}`, ...c })),
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python', version: '3.11.4' }, title: `Lesson ${i}`, tags: [`topic-${i % 7}`] },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);
}
