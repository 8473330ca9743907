import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { TEST_SIGNING_KEY } from './env';

/** The kind of key every process shared before tokens were signed asymmetrically. */
export const OLD_SHARED_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

const CLAIMS = { sub: 'test-official', name: '测试人员', scopes: ['admin'], regionCode: '63' };

/**
 * A token as a careless issuer or an intruder could make it: `payload` over the usual claims, signed
 * with `key` (default the test issuer's private key) or, given `hs256Secret`, with HS256. Nothing is
 * added: no `exp` unless the payload has one.
 */
export async function craftToken(
  payload: JWTPayload,
  options: { privateJwk?: JWK; hs256Secret?: string } = {},
): Promise<string> {
  const jwt = new SignJWT({
    iss: TEST_SIGNING_KEY.issuer,
    aud: TEST_SIGNING_KEY.audience,
    iat: Math.floor(Date.now() / 1000),
    ...CLAIMS,
    ...payload,
  });
  if (options.hs256Secret) {
    return jwt.setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(options.hs256Secret));
  }
  const privateJwk = options.privateJwk ?? TEST_SIGNING_KEY.privateJwk;
  return jwt
    .setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid })
    .sign(await importJWK(privateJwk, 'EdDSA'));
}
