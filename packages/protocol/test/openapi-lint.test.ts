// Lints the generated OpenAPI document with Redocly's recommended rules (the repository's redocly.yaml),
// as API tooling will, so a contract change that makes the document vague or inconsistent fails here.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openApiJson } from '../src/openapi.js';

const redoclyCli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const config = new URL('../../../redocly.yaml', import.meta.url).pathname;

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

/** Runs `redocly lint --format=json` on a file; it exits 1 when it finds errors, so the report is read either way. */
function lint(file: string): Promise<LintReport> {
  // Offline: no usage report, no check for a newer version.
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  const args = [redoclyCli, 'lint', file, '--config', config, '--format=json'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as LintReport);
      } catch {
        reject(new Error(`redocly lint gave no report (${error?.message}):\n${stderr}`));
      }
    });
  });
}

it('passes `redocly lint` with no error and no warning', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'flock-openapi-'));
  try {
    const file = join(directory, 'openapi.json');
    await writeFile(file, openApiJson());
    const report = await lint(file);
    const problems = report.problems.map(
      (problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}, 60_000);
