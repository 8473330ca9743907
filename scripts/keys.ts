/**
 * `pnpm keys DIR [--kid ID]`
 *
 * Makes the token issuer's key pair for a deployment that has no identity provider of its own
 * (docker compose, a test cluster): `DIR/jwt-signing-key.json`, the private key (readable by the
 * owner only; `JWT_SIGNING_KEY_FILE` for `pnpm token`), and `DIR/jwks.json`, the public key set the
 * gateway and the subgraphs get as `JWT_JWKS`. Run again to rotate: the new key replaces the private
 * key, and its public half is added to the set beside the old ones, which keep verifying the tokens
 * already out until they are removed from jwks.json by hand (after the longest token life).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newSigningKeyPair } from '@jianguan/platform';

const USAGE = 'Usage: pnpm keys DIR [--kid ID]   (writes DIR/jwt-signing-key.json and DIR/jwks.json)';

function main() {
  let dir: string | undefined;
  let kid: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      options: { kid: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) return void process.stdout.write(`${USAGE}\n`);
    [dir] = positionals;
    kid = values.kid;
  } catch (error) {
    return fail((error as Error).message);
  }
  if (!dir) return fail('DIR is required');

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const jwksFile = path.join(dir, 'jwks.json');
  const existing = fs.existsSync(jwksFile)
    ? (JSON.parse(fs.readFileSync(jwksFile, 'utf8')) as { keys: { kid?: string }[] }).keys
    : [];
  const pair = newSigningKeyPair(kid);
  if (existing.some((key) => key.kid === pair.publicJwk.kid)) {
    return fail(`${jwksFile} already has a key with kid ${pair.publicJwk.kid}`);
  }
  const signingFile = path.join(dir, 'jwt-signing-key.json');
  fs.rmSync(signingFile, { force: true });
  fs.writeFileSync(signingFile, `${JSON.stringify(pair.privateJwk, null, 2)}\n`, { mode: 0o600 });
  fs.writeFileSync(jwksFile, `${JSON.stringify({ keys: [...existing, pair.publicJwk] }, null, 2)}\n`);
  process.stdout.write(
    `new signing key ${pair.publicJwk.kid}: private ${signingFile} (JWT_SIGNING_KEY_FILE, keep it secret), ` +
      `public ${jwksFile} (JWT_JWKS, ${existing.length + 1} key(s))\n`,
  );
}

function fail(message: string): void {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exitCode = 2;
}

main();
