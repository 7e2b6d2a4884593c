#!/usr/bin/env node
// The `paperboy` command: loads the TypeScript CLI through tsx, so it works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
