/** What a child process was started with; the only place the children read their environment. */
export const childProcessEnv: Record<string, string | undefined> = process.env;
