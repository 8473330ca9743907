/**
 * `pnpm token --scopes a,b --region CODE [--institution ID] [--name N] [--sub S] [--expires 8h]`
 *
 * Prints a development token — the token alone on stdout — signed with the issuer's private key:
 * the JWK in `JWT_SIGNING_KEY_FILE` when set, otherwise the development key in `.data/dev-secrets.json`
 * that `pnpm start` uses (its services hold only the public key). Capture it with `TOKEN=$(pnpm -s token …)` (`-s` keeps pnpm's own banner quiet).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { claimsSchema, signToken } from '@jianguan/platform';
import { LauncherError, loadJwtEnv, resolveSigningKey } from './dev-env';

const USAGE = `Usage: pnpm -s token --scopes SCOPE[,SCOPE…] --region CODE [options]
       pnpm -s token --institution ID --region CODE [options]   (an institution user: no scope)

  --scopes       comma-separated scopes, e.g. admin or registry:write,discipline:read (officials)
  --region       the holder's jurisdiction: a division code of 2, 4, 6, 9 or 12 digits (e.g. 63)
  --institution  institution id (UUID) for an institution user's token
  --name         display name (default: 开发人员)
  --sub          subject (default: dev-official)
  --expires      lifetime such as 30m or 8h (default: 8h; verifiers refuse more than 12h)

Signs with the private key in JWT_SIGNING_KEY_FILE (and JWT_ISSUER, JWT_AUDIENCE) when set, otherwise
with the development key in .data/dev-secrets.json (or $JIANGUAN_DATA_DIR/dev-secrets.json).
Verifiers refuse tokens living longer than their JWT_MAX_LIFETIME (default 12h).`;

const argsSchema = z.object({
  // An institution's own user holds no scope: what it may do follows from its institution.
  scopes: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^[a-z][a-z-]*(:[a-z][a-z-]*)?$/, 'each scope looks like admin or registry:write'),
      ),
    ),
  region: z
    .string({ error: '--region is required' })
    .regex(
      /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/,
      '--region must be a division code of 2, 4, 6, 9 or 12 digits',
    ),
  institution: z.string().uuid('--institution must be a UUID').optional(),
  name: z.string().min(1).default('开发人员'),
  sub: z.string().min(1).default('dev-official'),
  expires: z
    .string()
    .regex(/^\d+\s*(s|m|h|d|w)$/, '--expires looks like 30m, 8h or 7d')
    .default('8h'),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        scopes: { type: 'string' },
        region: { type: 'string' },
        institution: { type: 'string' },
        name: { type: 'string' },
        sub: { type: 'string' },
        expires: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((issue) => issue.message).join('\n'));
  const args = parsed.data;
  if (args.scopes.length === 0 && !args.institution) {
    fail(
      "--scopes is required for an official's token (an institution user's, with --institution, needs none)",
    );
  }

  const claims = claimsSchema.parse({
    sub: args.sub,
    name: args.name,
    scopes: args.scopes,
    regionCode: args.region,
    ...(args.institution ? { institutionId: args.institution } : {}),
  });
  const key = resolveSigningKey(loadJwtEnv());
  process.stdout.write(`${await signToken(key, claims, args.expires)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof LauncherError ? error.message : String(error)}\n`);
  process.exit(1);
});
