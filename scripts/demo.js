#!/usr/bin/env node
// `npm start`: make the demo repository from content/, build it into public/ and serve it on
// localhost with live reload. Prints the address.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDemoRepo } from './make-demo-repo.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { repo, branches } = makeDemoRepo();
console.log(`demo repository with ${branches.length} branches (${branches.join(', ')}) at ${repo}`);
const { main } = await import(join(root, 'dist', 'cli.js'));
const port = process.env.PORT ?? '8080';
process.exitCode = await main([
  'serve',
  '--repo',
  repo,
  '--config',
  join(root, 'content', 'binderpress.yml'),
  '--out',
  join(root, 'public'),
  '--port',
  port,
  ...process.argv.slice(2),
]);
