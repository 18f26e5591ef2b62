import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BRANCH_TOKEN, diagnosticsFor, type NotebookEntry } from './entry-types.js';

const entry = (message: string, hint: string): NotebookEntry => ({
  v: 1,
  headings: [],
  assets: [],
  diagnostics: [{ rule: 'notebook-invalid-json', severity: 'error', branch: '', path: 'a.ipynb', message, hint }],
  imports: [],
  search: '',
  links: [],
  htmlHash: 'a'.repeat(64),
});

test('diagnosticsFor: the branch name goes in as it is, `$` patterns and all', () => {
  for (const branch of ['main', "fix/$'quote", 'price$$', 'x$&y', 'a$`b', 'caf\u00e9/2027']) {
    const [d] = diagnosticsFor(
      entry(`${BRANCH_TOKEN} a.ipynb: broken`, `open ${JSON.stringify(BRANCH_TOKEN)} and fix it`),
      branch,
    );
    assert.is(d?.branch, branch);
    assert.is(d?.message, `${branch} a.ipynb: broken`);
    assert.is(d?.hint, `open ${JSON.stringify(branch)} and fix it`);
  }
});

test.run();
