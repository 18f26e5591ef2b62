import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../types.js';
import { gitBlobSha } from '../util/hash.js';
import {
  describeEnvironment,
  findImports,
  missingImports,
  writtenModules,
  type EnvironmentInfo,
} from './environment.js';
import { parseDockerfileBase } from './env-scripts.js';
import { requirementName } from './env-parsers.js';

function files(entries: Record<string, string>): { envFiles: SourceFile[]; paths: string[] } {
  const envFiles = Object.entries(entries).map(([path, text]) => {
    const bytes = new TextEncoder().encode(text);
    return { path, blob: gitBlobSha(bytes), bytes };
  });
  return { envFiles, paths: [...Object.keys(entries), 'index.ipynb', 'lib/helpers.py', 'mypkg/__init__.py'].sort() };
}

function describe(entries: Record<string, string>, extraPaths: string[] = []): EnvironmentInfo {
  const { envFiles, paths } = files(entries);
  return describeEnvironment('course/intro', envFiles, [...paths, ...extraPaths].sort());
}

const rules = (env: EnvironmentInfo) => env.diagnostics.map((d) => [d.rule, d.severity, d.path]);

const REQUIREMENTS = `# Core scientific stack
numpy>=1.24
pandas==2.1.*   # data frames
scikit-learn[alldeps]~=1.3 ; python_version >= "3.9"
matplotlib
--extra-index-url https://download.pytorch.org/whl/cpu
torch==2.1.0+cpu \\
    --hash=sha256:abc
-e git+https://github.com/fastai/fastcore.git@master#egg=fastcore
Pillow
vega_datasets @ https://files.example.org/vega_datasets-0.9.0-py3-none-any.whl
`;

const POSTBUILD_NO_SET_E = `#!/bin/bash
jupyter labextension install @jupyter-widgets/jupyterlab-manager
pip install --no-cache-dir nbgitpuller==1.2 && python -m pip install "altair>=5"
`;

const ENVIRONMENT_YML = `name: course
channels:
  - conda-forge
dependencies:
  - python=3.10
  - numpy=1.26
  - conda-forge::xarray
  - matplotlib-base>=3.7
  - pip
  - pip:
    - vega_datasets==0.9.0
    - -r extra.txt
`;

const describing = suite('describeEnvironment');

describing('requirements.txt + runtime.txt + apt.txt + postBuild', () => {
  const env = describe({
    'requirements.txt': REQUIREMENTS,
    'runtime.txt': 'python-3.11\n',
    'apt.txt': '# tools\ngraphviz\nlibgl1-mesa-glx  # for cv2\n',
    postBuild: POSTBUILD_NO_SET_E,
  });
  assert.is(env.branch, 'course/intro');
  assert.is(env.dir, '');
  assert.is(env.kind, 'python');
  assert.equal(env.files, ['requirements.txt', 'runtime.txt', 'apt.txt', 'postBuild']);
  assert.is(env.python, '3.11');
  assert.equal(env.packages, [
    'numpy',
    'pandas',
    'scikit-learn',
    'matplotlib',
    'torch',
    'fastcore',
    'Pillow',
    'vega_datasets',
    'nbgitpuller',
    'altair',
  ]);
  assert.equal(env.apt, ['graphviz', 'libgl1-mesa-glx']);
  assert.is(env.postBuild, POSTBUILD_NO_SET_E);
  assert.is(env.complete, true);
  assert.equal(env.localModules, ['helpers', 'lib', 'mypkg']);
  assert.equal(rules(env), [['env-postbuild-no-set-e', 'warning', 'postBuild']]);
  assert.is(env.diagnostics[0]!.branch, 'course/intro');
});

describing('environment.yml pins Python over runtime.txt; pip -r makes it incomplete', () => {
  const env = describe({
    'environment.yml': ENVIRONMENT_YML,
    'runtime.txt': 'python-3.8',
    'requirements.txt': 'numpy\n',
  });
  assert.is(env.kind, 'conda');
  assert.equal(env.files, ['environment.yml']);
  assert.is(env.python, '3.10');
  assert.equal(env.packages, ['numpy', 'xarray', 'matplotlib-base', 'pip', 'vega_datasets']);
  assert.is(env.complete, false);
  assert.equal(rules(env), [
    ['env-file-ignored', 'info', 'requirements.txt'],
    ['env-runtime-overridden', 'warning', 'runtime.txt'],
  ]);
});

describing("environment.yml without a Python pin takes runtime.txt's", () => {
  const env = describe({
    'environment.yml': 'dependencies:\n  - numpy\n  - python>=3.9\n',
    'runtime.txt': 'python-3.9',
  });
  assert.equal(env.files, ['environment.yml', 'runtime.txt']);
  assert.is(env.python, '3.9');
  assert.equal(env.diagnostics, []);
});

describing('binder/ hides the root; both binder/ and .binder/ is an error', () => {
  const env = describe({
    'requirements.txt': 'numpy\n',
    'binder/environment.yml': 'dependencies:\n  - scipy\n',
    'binder/postBuild': 'set -euo pipefail\npip install .\n',
  });
  assert.is(env.dir, 'binder');
  assert.equal(env.files, ['binder/environment.yml', 'binder/postBuild']);
  assert.equal(env.packages, ['scipy']);
  assert.is(env.complete, false, '`pip install .` installs unnamed things');
  assert.equal(rules(env), [['env-file-ignored', 'info', 'requirements.txt']]);
  const both = describe({ '.binder/requirements.txt': 'pandas\n', 'binder/requirements.txt': 'numpy\n' });
  assert.is(both.dir, 'binder');
  assert.equal(both.files, ['binder/requirements.txt']);
  assert.equal(rules(both), [
    ['env-both-binder-dirs', 'error', ''],
    ['env-file-ignored', 'info', '.binder/requirements.txt'],
  ]);
  const dotted = describe({
    '.binder/requirements.txt': 'pandas\n',
    'setup.py': 'from setuptools import setup\nsetup()\n',
  });
  assert.is(dotted.dir, '.binder');
  assert.equal(dotted.files, ['.binder/requirements.txt']);
  assert.is(dotted.complete, true, 'setup.py outside the binder folder does not apply');
});

describing('a binder/ folder without environment files still hides the root', () => {
  const env = describe({ 'requirements.txt': 'numpy\n' }, ['binder/README.md']);
  assert.is(env.dir, 'binder');
  assert.equal(env.files, []);
  assert.equal(
    rules(env),
    [
      ['env-none', 'warning', ''],
      ['env-file-ignored', 'info', 'requirements.txt'],
    ].sort((a, b) => (a[2]! < b[2]! ? -1 : 1)),
  );
});

describing('a Dockerfile overrides everything; its final stage names the base image', () => {
  const dockerfile = `# syntax=docker/dockerfile:1
ARG BASE=quay.io/jupyter/scipy-notebook:2024-01-15
FROM python:3.11-slim AS build
RUN pip wheel --wheel-dir /wheels \\
    numpy
FROM --platform=linux/amd64 \${BASE} AS final
COPY --from=build /wheels /wheels
`;
  const env = describe({
    Dockerfile: dockerfile,
    'environment.yml': ENVIRONMENT_YML,
    'apt.txt': 'git\n',
    postBuild: 'echo hi\n',
  });
  assert.is(env.kind, 'dockerfile');
  assert.equal(env.files, ['Dockerfile']);
  assert.is(env.baseImage, 'quay.io/jupyter/scipy-notebook:2024-01-15');
  assert.equal(env.apt, []);
  assert.is(env.postBuild, undefined);
  assert.is(env.python, undefined);
  assert.equal(
    rules(env).map((r) => r[0]),
    ['env-file-ignored', 'env-file-ignored', 'env-file-ignored'],
  );
});

describing('R: install.R and a dated runtime.txt', () => {
  const env = describe({
    'install.R':
      'install.packages(c("ggplot2", "dplyr"), repos = "https://cran.r-project.org")\ninstall.packages(\'tidyr\')\n',
    'runtime.txt': 'r-4.3-2023-10-01\n',
    'requirements.txt': 'numpy\n',
  });
  assert.is(env.kind, 'r');
  assert.equal(env.files, ['install.R', 'requirements.txt', 'runtime.txt']);
  assert.is(env.r, '4.3');
  assert.is(env.rSnapshot, '2023-10-01');
  assert.equal(env.packages, ['ggplot2', 'dplyr', 'tidyr', 'numpy']);
  const dateOnly = describe({ 'runtime.txt': 'r-2022-01-01' });
  assert.is(dateOnly.kind, 'r');
  assert.is(dateOnly.r, undefined);
  assert.is(dateOnly.rSnapshot, '2022-01-01');
});

describing('Julia, Nix and Pipfile in precedence order', () => {
  const julia = describe({
    'Project.toml':
      '[deps]\nPlots = "91a5bcdd-55d7-5caf-9e0b-520d859cae80"\nDataFrames = "a93c6f00-e57d-5684-b7b6-d8193f3e46c0"\n',
    'default.nix': '{}',
    'requirements.txt': 'numpy\n',
  });
  assert.is(julia.kind, 'julia');
  assert.equal(julia.files, ['Project.toml', 'requirements.txt']);
  assert.equal(julia.packages, ['Plots', 'DataFrames', 'numpy']);
  const nix = describe({ 'default.nix': 'with import <nixpkgs> {}; mkShell {}', 'install.R': '' });
  assert.is(nix.kind, 'nix');
  const pipfile = describe({
    Pipfile:
      '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nrequests = "*"\n"beautifulsoup4" = ">=4"\n\n[dev-packages]\npytest = "*"\n\n[[source]]\nname = "extra"\nverify_ssl = true\n\n[requires]\npython_version = "3.9"\n',
    'requirements.txt': 'numpy\n',
  });
  assert.is(pipfile.kind, 'pipfile');
  assert.equal(pipfile.files, ['Pipfile']);
  assert.equal(pipfile.packages, ['requests', 'beautifulsoup4', 'pytest']);
  assert.is(pipfile.python, '3.9');
  const lock = describe({
    'Pipfile.lock': JSON.stringify({
      _meta: { requires: { python_version: '3.10' } },
      default: { numpy: {} },
      develop: {},
    }),
    Pipfile: '[packages]\nnumpy = "*"\n',
  });
  assert.equal(lock.files, ['Pipfile.lock', 'Pipfile']);
  assert.is(lock.python, '3.10');
});

describing('runtime.txt alone picks Python; a malformed one is reported; Nix ignores it', () => {
  const alone = describe({ 'runtime.txt': 'python-3.12\n' });
  assert.is(alone.kind, 'python');
  assert.equal(alone.files, ['runtime.txt']);
  assert.is(alone.python, '3.12');
  const malformed = describe({ 'runtime.txt': 'python3.8\n', 'requirements.txt': 'numpy\n' });
  assert.equal(malformed.files, ['requirements.txt']);
  assert.is(malformed.python, undefined);
  assert.equal(rules(malformed), [['env-invalid-file', 'warning', 'runtime.txt']]);
  const nix = describe({ 'default.nix': '{}', 'runtime.txt': 'python-3.12' });
  assert.equal(nix.files, ['default.nix']);
  assert.equal(rules(nix), [['env-file-ignored', 'info', 'runtime.txt']]);
});

describing("no environment files: a warning, Binder's default image", () => {
  const env = describeEnvironment('main', [], ['a.ipynb']);
  assert.is(env.kind, 'default');
  assert.equal(env.files, []);
  assert.equal(env.packages, []);
  assert.equal(rules(env), [['env-none', 'warning', '']]);
});

describing('postBuild: set -e forms pass, python scripts are not checked, broken YAML is reported', () => {
  for (const text of [
    '#!/bin/bash\nset -euo pipefail\n',
    '#!/bin/sh\n# comment\n\nset -e\n',
    '#!/bin/bash -e\nls\n',
    'set -o errexit\n',
    '#!/usr/bin/env python3\nprint(1)\n',
  ]) {
    assert.equal(rules(describe({ postBuild: text })), [], text);
  }
  assert.equal(rules(describe({ postBuild: '#!/bin/bash\nset -u\nls\n' })), [
    ['env-postbuild-no-set-e', 'warning', 'postBuild'],
  ]);
  const broken = describe({ 'environment.yml': 'dependencies:\n  - numpy\n - bad indent\n' });
  assert.equal(rules(broken), [['env-invalid-file', 'warning', 'environment.yml']]);
});

describing.run();

const parsing = suite('environment file parsers');

parsing('requirementName', () => {
  const cases: [string, string | undefined][] = [
    ['numpy', 'numpy'],
    ['numpy>=1', 'numpy'],
    ['scikit-learn[all]==1', 'scikit-learn'],
    ['a.b_c-d ; os_name=="nt"', 'a.b_c-d'],
    ['pkg @ https://x/y.whl', 'pkg'],
    ['git+https://github.com/o/r.git#egg=rpkg', 'rpkg'],
    ['git+https://github.com/o/r.git', undefined],
    ['./local', undefined],
    ['.', undefined],
    ['dist/thing-1.0-py3-none-any.whl', undefined],
    ['numpy (>=1.0)', 'numpy'],
    ['weird!name', undefined],
  ];
  for (const [spec, name] of cases) assert.is(requirementName(spec), name, spec);
});

parsing('parseDockerfileBase', () => {
  assert.is(parseDockerfileBase('FROM jupyter/base-notebook:latest\n'), 'jupyter/base-notebook:latest');
  assert.is(parseDockerfileBase('from rocker/binder:4.3 as base\nFROM base\nRUN x\n'), 'rocker/binder:4.3');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variables
  assert.is(parseDockerfileBase('ARG V=3.12\nFROM python:${V}-slim\n'), 'python:3.12-slim');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variables
  assert.is(parseDockerfileBase('ARG TAG\nFROM img:${TAG:-stable}\n'), 'img:stable');
  assert.is(parseDockerfileBase('RUN echo no from\n'), undefined);
});

parsing.run();

const imports = suite('findImports');

const IMPORT_CASES: [string, string[]][] = [
  ['import numpy as np', ['numpy']],
  ['import os, sys', ['os', 'sys']],
  ['import matplotlib.pyplot as plt, pandas as pd', ['matplotlib', 'pandas']],
  ['from sklearn.linear_model import LinearRegression', ['sklearn']],
  ['from . import sibling\nfrom .pkg import x\nfrom ..up import y', []],
  ['from __future__ import annotations', ['__future__']],
  ['    import cv2  # indented, in a try', ['cv2']],
  ['x = 1; import json; from PIL import Image', ['json', 'PIL']],
  ['%matplotlib inline\n!pip install seaborn\nimport seaborn as sns', ['seaborn']],
  ['from scipy import (\n    stats,\n    optimize)\n', ['scipy']],
  ['# import commented\nprint("import nothing")', []],
  ['import numpy\nimport numpy as np\nfrom numpy import array', ['numpy']],
  ['important = 1\nfromage = 2\nimport_all()', []],
  ['from \\\n  yaml import safe_load', ['yaml']],
];

for (const [code, expected] of IMPORT_CASES) {
  imports(JSON.stringify(code), () => assert.equal(findImports(code), expected));
}

imports('imports of real notebooks', () => {
  const codeOf = (name: string) => {
    const nb = JSON.parse(readFileSync(join(import.meta.dirname, '../../test/fixtures', name), 'utf8')) as {
      cells: { cell_type: string; source: string | string[] }[];
    };
    return nb.cells
      .filter((c) => c.cell_type === 'code')
      .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source))
      .join('\n');
  };
  assert.equal(findImports(codeOf('real/fastpages-2020-09-01-fastcore.ipynb')), [
    'fastcore',
    'nbdev',
    'functools',
    'numpy',
    'inspect',
    'pathlib',
    'pandas',
  ]);
  assert.equal(findImports(codeOf('source/parallel-execute.ipynb')), ['os', 'tempfile', 'time']);
});

imports('writtenModules: what %%writefile and %%file cells write as Python modules', () => {
  assert.equal(writtenModules('%%writefile mymodule.py\nimport numpy\n'), ['mymodule']);
  assert.equal(writtenModules('  %%file -a helpers.py\nx = 1\n'), ['helpers']);
  assert.equal(writtenModules('%%writefile "pkg dir/__init__.py"\n'), []);
  assert.equal(writtenModules('%%writefile mypkg/__init__.py\n'), ['mypkg']);
  assert.equal(writtenModules('%%writefile src/tools.py\n'), ['tools']);
  assert.equal(writtenModules('%%writefile data.csv\na,b\n'), []);
  assert.equal(writtenModules('%%writefile 2fast.py\n'), []);
  assert.equal(writtenModules('import os\n%%writefile late.py\n'), []);
});

imports.run();

const missing = suite('missingImports');

missing('reports what the environment does not install', () => {
  const env = describe({
    'requirements.txt': 'seaborn\nscikit-learn\nopencv-python-headless\nPyYAML\nbeautifulsoup4\n',
  });
  const wanted = [
    'numpy',
    'pandas',
    'matplotlib',
    'mpl_toolkits',
    'sklearn',
    'scipy',
    'cv2',
    'yaml',
    'bs4',
    'os',
    'json',
    'IPython',
    'ipywidgets',
    'helpers',
    'mypkg',
    'lib',
    'tensorflow',
    'skimage',
    'PIL',
    'requests',
    'altair',
    'constructor',
    'toString',
  ];
  assert.equal(missingImports(env, wanted), ['tensorflow', 'skimage', 'altair', 'constructor', 'toString']);
});

missing('compares names normalized and knows conda names', () => {
  const conda = describe({
    'environment.yml':
      'dependencies:\n  - python=3.11\n  - pytorch\n  - py-opencv\n  - scikit_image\n  - pip:\n    - Jupyter_Book\n',
  });
  assert.equal(missingImports(conda, ['torch', 'cv2', 'skimage', 'jupyter_book', 'numpy', 'xgboost']), ['xgboost']);
});

missing('knows nothing for a Dockerfile, Nix, no files, or unnamed installs', () => {
  assert.equal(missingImports(describe({ Dockerfile: 'FROM x\n' }), ['numpy']), []);
  assert.equal(missingImports(describe({ 'default.nix': '{}' }), ['numpy']), []);
  assert.equal(missingImports(describeEnvironment('b', [], []), ['numpy']), []);
  assert.equal(missingImports(describe({ 'requirements.txt': '-r base.txt\n' }), ['numpy']), []);
  assert.equal(missingImports(describe({ 'requirements.txt': 'pandas\n', 'setup.py': 'setup()' }), ['numpy']), []);
  assert.equal(missingImports(describe({ 'requirements.txt': 'pandas\n' }), ['numpy', 'xgboost']), ['xgboost']);
});

missing.run();
