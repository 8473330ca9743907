import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ENVIRONMENT_MD, variableDoc } from '../env-docs';

const REPO_ROOT = path.join(__dirname, '..', '..');

/** `pnpm docs:env --check` in a child process: prettier, which renders the tables, cannot load in jest. */
const checkEnvironmentDocs = (file?: string) =>
  spawnSync('pnpm', ['-s', 'docs:env', '--check', ...(file ? [file] : [])], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });

/**
 * docs/environment.md is rendered from the config schemas: a setting added, renamed, re-defaulted or
 * re-described without `pnpm docs:env` fails here.
 */
it('docs/environment.md is what the config schemas render (run `pnpm docs:env`)', () => {
  const result = checkEnvironmentDocs();
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});

it('a hand edit of docs/environment.md is caught', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'environment-'));
  const edited = path.join(folder, 'environment.md');
  try {
    writeFileSync(edited, readFileSync(ENVIRONMENT_MD, 'utf8').replace('`43200`', '`3600`'));
    const result = checkEnvironmentDocs(edited);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('run `pnpm docs:env`');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

it('reads a default, an optional and a required variable through their wrappers', () => {
  const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
  expect(variableDoc(z.coerce.number().default(10).describe('seconds'))).toEqual({
    defaultText: '`10`',
    meaning: 'seconds',
  });
  expect(variableDoc(z.preprocess(unsetIfEmpty, z.string().optional()).describe('a URL'))).toEqual({
    defaultText: '—',
    meaning: 'a URL',
  });
  expect(variableDoc(z.string().transform((value) => value.length))).toEqual({
    defaultText: 'required',
    meaning: undefined,
  });
});
