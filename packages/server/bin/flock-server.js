#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `pnpm flock-server` works straight after `pnpm install`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
