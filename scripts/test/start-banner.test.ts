import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tokenVerifier } from '@jianguan/platform';
import { childProcessEnv } from '@jianguan/testing';
import { jwksOf, loadJwtEnv, resolveSigningKey } from '../dev-env';
import { startBanner } from '../start-banner';

const ROOT = path.resolve(__dirname, '..', '..');
const banner = startBanner({
  gatewayUrl: 'http://127.0.0.1:4000/graphql',
  subgraphUrls: { registry: 'http://127.0.0.1:4001/graphql' },
  databaseUrl: 'postgres://postgres:***@127.0.0.1:5432/jianguan  (embedded)',
  redisUrl: 'redis://127.0.0.1:6379',
});

describe('the banner `pnpm start` prints (often kept as a log file)', () => {
  it('holds no token, only the command that mints one', () => {
    expect(banner).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(banner).toContain('TOKEN=$(pnpm -s token --scopes admin --region 63)');
    expect(banner).toContain('-H "authorization: Bearer $TOKEN"');
  });

  it('names a command whose token the stack accepts', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jianguan-banner-'));
    try {
      const command = /TOKEN=\$\((pnpm -s token [^)]+)\)/.exec(banner)![1].split(' ');
      const token = execFileSync(command[0], command.slice(1), {
        cwd: ROOT,
        env: childProcessEnv({ JIANGUAN_DATA_DIR: dataDir }),
        encoding: 'utf8',
      }).trim();
      // What `pnpm start` gives the services: the public half of the same data folder's key.
      const env = loadJwtEnv({ JIANGUAN_DATA_DIR: dataDir });
      const verify = tokenVerifier({
        JWT_JWKS: { jwks: JSON.parse(jwksOf(resolveSigningKey(env))) },
        JWT_ISSUER: env.JWT_ISSUER,
        JWT_AUDIENCE: env.JWT_AUDIENCE,
        JWT_MAX_LIFETIME: 43_200,
      });
      expect(await verify(token)).toMatchObject({ scopes: ['admin'], regionCode: '63' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
