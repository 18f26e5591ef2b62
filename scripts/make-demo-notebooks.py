#!/usr/bin/python3
"""Writes the demo notebooks in content/. Those of most builds are executed once here, so they
carry real outputs; the builds in STRIPPED are saved without outputs, as a course that strips its
notebooks before committing does, and binderpress executes them when it builds the site.

Run with Debian's Python (python3-nbclient, python3-ipykernel, python3-matplotlib, python3-pandas):
    /usr/bin/python3 scripts/make-demo-notebooks.py [BUILD ...]   (default: every build)
"""
import os
import sys
import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell as md, new_code_cell as code, new_raw_cell as raw
from nbclient import NotebookClient

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content")

PLOT_SETUP = "%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.rcParams['figure.figsize'] = (6, 3.5)\nplt.rcParams['figure.dpi'] = 80"


def notebook(cells, **meta):
    nb = new_notebook(cells=cells)
    nb.metadata.update({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nb.metadata.update(meta)
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i:02d}"
    return nb


BUILDS = {
    "intro": {
        "01-getting-started.ipynb": notebook([
            md("# Getting started with data\n\nThis notebook loads a small table, draws it, and shows what an error looks like. "
               "Along the way: Euler's identity $e^{i\\pi} + 1 = 0$ and an integral\n\n$$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$"),
            code("import pandas as pd\n\nrainfall = pd.DataFrame({\n    'month': ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'],\n    'rain_mm': [78, 61, 55, 48, 52, 45],\n    'sunny_days': [4, 6, 9, 12, 15, 18],\n})\nrainfall"),
            md("## A first plot\n\nMore sun, less rain: the two columns move in opposite directions."),
            code(PLOT_SETUP + "\n\nax = rainfall.plot(x='month', y=['rain_mm', 'sunny_days'], marker='o')\nax.set_title('Rain and sun, first half of the year')\nax.set_ylabel('mm / days');"),
            md("## When things go wrong\n\nErrors are part of working with data. Here is one, kept in the notebook on purpose:"),
            code("rainfall['snow_mm'].mean()"),
            md("## Slow work shows progress\n\nA progress bar redraws one line with carriage returns; the page shows its last state."),
            code("import sys, time\nfor step in range(0, 101, 20):\n    print(f'\\rprocessing {step:3d}%', end='')\n    time.sleep(0.01)\nprint()\nprint('done', file=sys.stderr)"),
            md("Next: [summary statistics](02-summary-statistics.ipynb#averages)."),
        ]),
        "02-summary-statistics.ipynb": notebook([
            md("# Summary statistics\n\nAverages, spread and a quick look at the distribution of daily temperatures."),
            code("#| code-fold: true\nimport numpy as np\nrng = np.random.default_rng(42)\ntemps = rng.normal(loc=14, scale=4, size=365).round(1)"),
            md("## Averages\n\nThe mean is $\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i$ and the standard deviation\n\n$$s = \\sqrt{\\frac{1}{n-1}\\sum_{i=1}^{n}(x_i - \\bar{x})^2}$$"),
            code("print(f'mean {temps.mean():.1f} °C, std {temps.std(ddof=1):.1f} °C')"),
            code(PLOT_SETUP + "\n\nplt.hist(temps, bins=24, color='#4a7fb0')\nplt.xlabel('°C')\nplt.title('Daily temperatures');"),
            code("import pandas as pd\npd.Series(temps).describe().to_frame('temperature').T"),
        ], title="Summary statistics", tags=["statistics", "basics"], authors=[{"name": "Ada Example"}]),
    },
    "statistics": {
        "01-distributions.ipynb": notebook([
            raw("---\ntitle: Probability distributions\ndescription: Normal, uniform and exponential samples side by side.\nauthor: Grace Demo\ncategories: [statistics, probability]\ndate: 2026-09-01\n---"),
            md("## Three distributions\n\nWe draw 10,000 samples from each and compare their histograms."),
            code("import numpy as np\nrng = np.random.default_rng(7)\nsamples = {\n    'normal': rng.normal(size=10_000),\n    'uniform': rng.uniform(-2, 2, size=10_000),\n    'exponential': rng.exponential(size=10_000),\n}"),
            code(PLOT_SETUP + "\n\nfig, axes = plt.subplots(1, 3, figsize=(9, 3), sharey=True)\nfor ax, (name, values) in zip(axes, samples.items()):\n    ax.hist(values, bins=40, color='#b3261e')\n    ax.set_title(name)\nfig.tight_layout()"),
            md("## The normal density\n\n\\begin{align}\nf(x) &= \\frac{1}{\\sigma\\sqrt{2\\pi}} e^{-\\frac{1}{2}\\left(\\frac{x-\\mu}{\\sigma}\\right)^2}\n\\end{align}"),
            code("from IPython.display import Math\nMath(r'P(|X - \\mu| < 2\\sigma) \\approx 0.954')"),
        ]),
        "02-regression.ipynb": notebook([
            md("# Fitting a line\n\nLeast squares finds the slope and intercept that minimise $\\sum (y_i - a x_i - b)^2$."),
            code("import numpy as np\nrng = np.random.default_rng(1)\nx = np.linspace(0, 10, 40)\ny = 2.5 * x + 1 + rng.normal(scale=2, size=x.size)\nslope, intercept = np.polyfit(x, y, 1)\nprint(f'slope {slope:.2f}, intercept {intercept:.2f}')"),
            code(PLOT_SETUP + "\n\nplt.scatter(x, y, s=12)\nplt.plot(x, slope * x + intercept, color='#b3261e')\nplt.title('A straight-line fit');"),
            code("import warnings\nwarnings.warn('40 points is a small sample: treat the fit with care')"),
        ], title="Fitting a line", tags=["statistics", "regression"]),
    },
    "diagrams": {
        "01-diagrams.ipynb": notebook([
            md("# Diagrams in notebooks\n\nEach picture below is written as text in the notebook and drawn when the site is built."),
            md("## A flowchart (mermaid)\n\n```mermaid\nflowchart LR\n    Write[Write notebook] --> Commit[Commit to a branch]\n    Commit --> Build[binderpress build]\n    Build --> Site[Site and feeds]\n    Site --> Run[Run this in Binder]\n```"),
            md("## A graph (Graphviz)\n\n```dot\ndigraph pipeline {\n  rankdir=LR;\n  node [shape=box];\n  source -> notebook -> rendered -> pages -> feeds;\n}\n```"),
            md("## A chart (Vega-Lite)\n\n```vega-lite\n{\n  \"data\": {\"values\": [{\"lesson\": \"Intro\", \"minutes\": 20}, {\"lesson\": \"Statistics\", \"minutes\": 35}, {\"lesson\": \"Diagrams\", \"minutes\": 15}]},\n  \"mark\": \"bar\",\n  \"encoding\": {\"x\": {\"field\": \"lesson\", \"type\": \"nominal\"}, \"y\": {\"field\": \"minutes\", \"type\": \"quantitative\"}}\n}\n```"),
            md("## A diagram made by code\n\nA code cell can also print a diagram, as a `text/vnd.mermaid` output:"),
            code("from IPython.display import display\ndisplay({'text/vnd.mermaid': 'sequenceDiagram\\n    Reader->>Site: open the page\\n    Site-->>Reader: notebook and Run this\\n    Reader->>Binder: launch'}, raw=True)"),
        ], title="Diagrams in notebooks", tags=["diagrams"]),
    },
}

# Saved without outputs: `npm start` executes them when a Python with Jupyter is found.
STRIPPED = {"statistics"}

ENV_FILES = {
    "intro": {"requirements.txt": "pandas==1.5.3\nmatplotlib==3.6.3\nnumpy\n", "runtime.txt": "python-3.11\n"},
    "statistics": {"environment.yml": "name: statistics\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - numpy\n  - matplotlib\n  - ipython\n"},
    "diagrams": {"binder/requirements.txt": "ipython\n", "binder/apt.txt": "graphviz\n", "binder/postBuild": "#!/bin/bash\nset -euo pipefail\necho 'environment ready'\n"},
}


def main():
    wanted = sys.argv[1:] or list(BUILDS)
    for build, notebooks in BUILDS.items():
        if build not in wanted:
            continue
        folder = os.path.join(ROOT, build)
        os.makedirs(folder, exist_ok=True)
        for name, nb in notebooks.items():
            if build not in STRIPPED:
                NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": folder}}).execute()
            nbformat.validate(nb)
            nbformat.write(nb, os.path.join(folder, name))
        for rel, text in ENV_FILES.get(build, {}).items():
            path = os.path.join(folder, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        print("wrote", folder)


if __name__ == "__main__":
    main()
