// The commented `binderpress.yml` that `binderpress init` writes: every key of the config file
// (src/config.ts), commented out, with its default (or an example where there is no default).
// Settings are `# key: value` lines; explanations are sentences, never `word:` at their start.
import { DEFAULT_HUB } from '../config.js';
import { DEFAULT_MIME_PRIORITY } from '../render/types.js';

const mimeList = DEFAULT_MIME_PRIORITY.map((m) => `#     - ${m}`).join('\n');

export const STARTER_CONFIG = `# binderpress configuration. Every key is optional: the values shown are the defaults, or
# examples where there is no default. Remove the "# " before a key to set it.
# Command-line flags win over this file. Reference: the README, section Configuration.

# Site title and description, used in page headers and feeds.
# title: Notebooks
# description: Jupyter notebooks, rendered, with feeds and links to run them in Binder.

# Public address of the site. Without it the GitHub Pages address of the origin remote is used,
# else http://localhost:8080/ (feeds need absolute links).
# siteUrl: https://owner.github.io/repo/

# The git repository to read, and the branches to build (names or globs; default every local
# branch, except branches that hold a published site).
# repo: .
# branches: [main, 'course/*']

# Or build plain folders instead of branches: each subfolder of this folder is a build.
# dir: notebooks/

# Output folder, replaced whole on every build.
# out: public

# Where notebooks can be run. Default the origin remote; owner/repo or a clone URL.
# repository: owner/repo
# author: Course team

# Exit with 1 when any notebook has a problem (and never publish such a build).
# strict: false

# A folder overriding any of the theme's templates (layout.js, notebook.js, ...) and static/ files.
# templates: my-theme/

# Cache of drawn diagrams and images, or false for none.
# cache: .cache/binderpress

# "Run this" links.
# binder:
#   hub: ${DEFAULT_HUB}
#   fallbackHubs: []
#   # Pin links to the branch tip (commit), follow the branch (branch), or start the image of
#   # the last commit that changed the environment and pull the branch into it (env-commit,
#   # needs nbgitpuller in the environment).
#   ref: commit
#   # The interface that opens: lab, doc, classic, rstudio or vscode.
#   interface: lab
#   colab: false
#   # Also link through nbgitpuller to this JupyterHub.
#   jupyterhub: https://hub.example.org
#   # An environment kept apart from the notebooks (content pulled in by nbgitpuller).
#   environment:
#     repository: owner/env-repo
#     branch: environment

# The level of a diagnostic rule, by its id (README, section Diagnostics), or off.
# rules:
#   env-none: warning

# Publishing (binderpress publish). A publish that would remove builds the published site holds
# is refused, naming them, unless they are listed here (build folder names or globs) or --force.
# publish:
#   allowRemove: ['old-*']

# Notebooks saved without outputs are run in a Jupyter kernel as the site is built: auto runs
# those with code and no outputs at all, always every notebook, never none. python is the Python
# that has nbclient and the kernels (default the first python3 that does); times are seconds.
# execute:
#   mode: auto
#   python: .venv/bin/python
#   timeout: 120
#   notebookTimeout: 1200
#   allowErrors: false

# Output images are written as the notebook holds them. webp adds a lossless WebP copy of each
# PNG and JPEG where it comes out smaller (a decode and an encode per distinct image).
# images:
#   webp: false

# How notebooks are shown.
# render:
#   showExecutionCount: true
#   # Longer outputs are collapsed behind an expander.
#   collapseLines: 80
#   # Output display priority, first match wins.
#   mimePriority:
${mimeList}

# Feeds (RSS, Atom, JSON Feed) of the site, each build and each tag.
# feeds:
#   limit: 20
#   # Full pages or summaries in feed items.
#   content: full

# Overrides per build, by branch name or glob.
# builds:
#   'course/*':
#     title: Course
#     binder:
#       interface: doc
`;
