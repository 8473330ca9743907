/** Versions of the things measured, read from the installed packages. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PACKAGES = ['@apollo/gateway', '@apollo/server', '@graphql-hive/gateway', 'autocannon', 'bullmq', 'pg'];

export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.version };
  for (const name of PACKAGES) {
    try {
      const file = path.join(__dirname, '..', 'node_modules', name, 'package.json');
      versions[name] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}
