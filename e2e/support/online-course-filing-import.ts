/**
 * Runs the online-course-filing package's commands as an operator would, through pnpm, and the tools
 * package's command that writes the national data set for them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { childProcessEnv } from '@jianguan/testing';

export const NATIONAL_STATS = `institutionsFiled personnel courses filingsWithProblems
  byStatus { draft submitted screening rectificationRequired filed rejected }`;

export interface StatsShape {
  institutionsFiled: number;
  personnel: number;
  courses: number;
  filingsWithProblems: number;
  byStatus: Record<string, number>;
}

const ROOT = path.resolve(__dirname, '../..');

type CommandOutcome = { code: number | null; stdout: string; stderr: string };

export const runFilingCommand = (args: string[], databaseUrl: string) =>
  runPackageCommand('@jianguan/online-course-filing', args, { DATABASE_URL: databaseUrl });

/** `pnpm --filter @jianguan/tools run filing-seed DIR`: the national 2019 data set as CSV sheets. */
export const runFilingSeed = (dir: string) => runPackageCommand('@jianguan/tools', ['filing-seed', dir], {});

function runPackageCommand(
  pkg: string,
  args: string[],
  env: Record<string, string>,
): Promise<CommandOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', pkg, 'run', ...args], {
      cwd: ROOT,
      env: childProcessEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
