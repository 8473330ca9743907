import path from 'node:path';
import { z } from 'zod';

/** The commands' settings, parsed once: pnpm sets INIT_CWD to where it was run. */
const commandConfig = z.object({ INIT_CWD: z.string().min(1).optional() }).parse(process.env);

/** A path the user typed, relative to where they ran pnpm (the command itself runs at the root). */
export const userPath = (given: string) => path.resolve(commandConfig.INIT_CWD ?? process.cwd(), given);

export const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs a command's main, printing what failed and exiting 1 if it throws. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
