import { z } from 'zod';

/**
 * The import command's settings, parsed once: DATABASE_URL names the database; pnpm sets
 * INIT_CWD to where it was run, so relative paths mean what the user typed.
 */
export const importCliConfig = z
  .object({
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/jianguan'),
    USER: z.string().min(1).default('import'),
    INIT_CWD: z.string().min(1).optional(),
  })
  .parse(process.env);
