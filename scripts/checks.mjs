// `npm run checks`: the type check, the linter and the formatting check at once (they are independent, and on two
// cores together take about half as long as one after another); fails if any fails, with each one's output.
import { spawn } from 'node:child_process';

const CHECKS = [
  ['typecheck', 'tsc', ['--noEmit']],
  ['lint', 'eslint', ['.']],
  ['format', 'prettier', ['--check', '.']],
];

const results = await Promise.all(
  CHECKS.map(
    ([name, bin, args]) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [new URL(`../node_modules/.bin/${bin}`, import.meta.url).pathname, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.once('exit', (code) => resolve({ name, code, output }));
      }),
  ),
);
for (const { name, code, output } of results) {
  process.stdout.write(`── ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`}\n`);
  if (code !== 0 || process.env.CHECKS_VERBOSE) process.stdout.write(output);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
