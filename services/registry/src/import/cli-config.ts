import { importCommandConfigSchema } from '@jianguan/platform';

/** The import command's settings, parsed once (what each means: importCommandConfigSchema). */
export const importCliConfig = importCommandConfigSchema.parse(process.env);
