// Fails (exit 1) when a file or a page of the shipped build exceeds its size budget (bundle-sizes.js).
// Sizes are deterministic, unlike timings: this runs in `pnpm test`, after `pnpm build`.
import { fileURLToPath } from 'node:url';
import { budgetChecks, bundleSizes, KB, limitOf } from './bundle-sizes.js';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const sizes = bundleSizes(dist);
if (!sizes) {
  console.error(`check-size: no build in ${dist}; run \`pnpm build\` (or \`vite build\` in packages/elements) first.`);
  process.exit(1);
}

const kb = (bytes) => `${(bytes / KB).toFixed(2)} kB`;
const failures = [];
for (const { label, gzip, budget } of budgetChecks(sizes)) {
  const limit = limitOf(budget);
  if (gzip > limit) failures.push(`${label}: ${kb(gzip)} gz, over its ${kb(limit)} limit`);
  else if (gzip > budget.target)
    console.log(`check-size: ${label}: ${kb(gzip)} gz, within its ${kb(limit)} limit but over the ${kb(budget.target)} target`);
}
if (failures.length) {
  console.error(`check-size: ${failures.length} over budget (gzip -9, kB = 1000 B):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-size: ${sizes.files.length} JS files within their budgets (gzip -9, kB = 1000 B).`);
