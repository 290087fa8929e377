// Writes docs/openapi.json from the route table and the zod contract (`pnpm openapi`).
import { writeFileSync } from 'node:fs';
import { openApiJson } from '../packages/protocol/src/openapi.js';

const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, openApiJson());
console.log(`wrote ${target.pathname}`);
