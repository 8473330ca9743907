import path from 'node:path';
import { z } from 'zod';

/**
 * The settings of a service's import command, which the service parses once: DATABASE_URL names the
 * database; pnpm sets INIT_CWD to where it was run, so relative paths mean what the user typed.
 */
export const importCommandConfigSchema = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/jianguan'),
  USER: z.string().min(1).default('import'),
  INIT_CWD: z.string().min(1).optional(),
});

export type ImportCommandConfig = z.infer<typeof importCommandConfigSchema>;

/**
 * The command line of a service's import command, `import PATH`: runs `runImport` on PATH resolved
 * against where pnpm was run; prints `usage` and exits 1 without one, and exits 1 with the stack on
 * an unexpected error (a refusal is `runImport`'s to report, with reportImportRefusal).
 */
export function runImportCommand(
  config: ImportCommandConfig,
  usage: string,
  runImport: (resolvedPath: string) => Promise<void>,
): void {
  async function main() {
    const [command, given] = process.argv.slice(2);
    const resolved = given && path.resolve(config.INIT_CWD ?? process.cwd(), given);
    if (!resolved || command !== 'import') {
      process.stderr.write(`${usage}\n`);
      process.exit(1);
    }
    await runImport(resolved);
  }

  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
