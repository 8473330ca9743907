/** Runs the online-course-filing package's commands as an operator would, through pnpm. */
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

export function runFilingCommand(
  args: string[],
  databaseUrl: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@jianguan/online-course-filing', 'run', ...args], {
      cwd: ROOT,
      env: childProcessEnv({ DATABASE_URL: databaseUrl }),
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
