// Browser tests need Debian's Chromium; say so plainly instead of failing deep inside the runner.
import { existsSync } from 'node:fs';

const path = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(`Chromium not found at ${path}. Install it with "sudo apt-get install -y chromium" or set CHROME_PATH.`);
  process.exit(1);
}
