/** `pnpm token` as a developer runs it: an official's token needs scopes, an institution user's none. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_SIGNING_KEY } from '@jianguan/testing';

const run = promisify(execFile);
/** The claims a verifier would read (the signature is the services' business, tested in libs/platform). */
const decodeJwt = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
const ROOT = join(__dirname, '../..');
const keyFile = join(mkdtempSync(join(tmpdir(), 'jg-token-')), 'key.json');
writeFileSync(keyFile, JSON.stringify(TEST_SIGNING_KEY.privateJwk));

const token = (...args: string[]) =>
  run('node', ['-r', '@swc-node/register', 'scripts/token.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      SWCRC: 'true',
      JWT_SIGNING_KEY_FILE: keyFile,
      JWT_ISSUER: TEST_SIGNING_KEY.issuer,
      JWT_AUDIENCE: TEST_SIGNING_KEY.audience,
    },
  });

const INSTITUTION = '7d2f1c9e-3a4b-4c5d-8e6f-0a1b2c3d4e5f';

test("an institution user's token carries its institution and no scope", async () => {
  const { stdout } = await token(
    '--institution',
    INSTITUTION,
    '--region',
    '630102',
    '--name',
    '启航培训学校',
  );
  expect(decodeJwt(stdout.trim())).toMatchObject({
    institutionId: INSTITUTION,
    scopes: [],
    regionCode: '630102',
  });
});

test("an official's token without scopes is refused with what to add", async () => {
  await expect(token('--region', '63')).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining("--scopes is required for an official's token"),
  });
});

test("an official's token carries the scopes asked for", async () => {
  const { stdout } = await token('--scopes', 'enforcement:write,enforcement:read', '--region', '6301');
  expect(decodeJwt(stdout.trim())).toMatchObject({ scopes: ['enforcement:write', 'enforcement:read'] });
  expect(decodeJwt(stdout.trim()).institutionId).toBeUndefined();
});
