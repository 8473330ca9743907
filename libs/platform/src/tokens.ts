import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { claimsSchema, type Claims } from './auth';
import { unauthenticated } from './errors';

/**
 * Tokens are signed with a private key only the issuer holds (`pnpm token` and the launcher in
 * development, the identity provider in production); the gateway and the subgraphs hold public keys
 * only, so taking one of them does not let anyone mint a token. HS256 (one shared secret) is refused.
 */
export const TOKEN_ALGORITHMS = ['EdDSA', 'ES256'];

/** One public key of the set: Ed25519 (EdDSA) or P-256 (ES256), named by `kid` so keys can rotate. */
const publicJwkSchema = z
  .looseObject({
    kid: z.string({ error: 'every key needs a kid' }).min(1, 'every key needs a kid'),
    kty: z.enum(['OKP', 'EC'], { error: 'keys must be Ed25519 (OKP) or P-256 (EC)' }),
    crv: z.enum(['Ed25519', 'P-256'], { error: 'keys must be Ed25519 or P-256' }),
    x: z.string().min(1),
    d: z.undefined({ error: 'holds a private key (d): give the verifiers public keys only' }).optional(),
  })
  .refine((jwk) => (jwk.kty === 'OKP') === (jwk.crv === 'Ed25519'), 'kty and crv do not match');

const jwksSchema = z.object({ keys: z.array(publicJwkSchema).min(1, 'the key set has no keys') });

/** Where the verifiers find the public keys: a key set held in memory, or the issuer's JWKS URL. */
export type JwksSource = { jwks: JSONWebKeySet } | { url: URL };

function parseJwks(text: string, where: string, ctx: z.RefinementCtx): JSONWebKeySet | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: `${where} is not JSON` });
    return undefined;
  }
  const result = jwksSchema.safeParse(json);
  if (result.success) return result.data as JSONWebKeySet;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', message: `${where}: ${issue.path.join('.')} ${issue.message}` });
  }
  return undefined;
}

/**
 * `JWT_JWKS`: the public keys tokens are verified with — the JWKS document itself (`{"keys":[…]}`),
 * the path of a file holding it (read at start), or the http(s) URL the identity provider serves it
 * at (fetched on first use, again when a token names an unknown `kid`, and at least every 10 min).
 */
export const jwksSourceSchema = z
  .string({ error: 'missing: the public keys tokens are verified with (a JWKS, its file or its URL)' })
  .min(1)
  .transform((value, ctx): JwksSource => {
    const text = value.trim();
    if (/^https?:\/\//.test(text)) return { url: new URL(text) };
    if (text.startsWith('{')) return { jwks: parseJwks(text, 'the key set', ctx) ?? { keys: [] } };
    let content: string;
    try {
      content = readFileSync(text, 'utf8');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `cannot read ${text} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      });
      return { jwks: { keys: [] } };
    }
    return { jwks: parseJwks(content, text, ctx) ?? { keys: [] } };
  });

/** What verifying needs, as the services' and the gateway's configuration hold it. */
export interface TokenVerificationConfig {
  JWT_JWKS: JwksSource;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_MAX_LIFETIME: number;
}

export type TokenVerifier = (token: string) => Promise<Claims>;

/** Seconds of clock difference between issuer and verifier that are forgiven. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * The one place tokens are verified (gateway and subgraphs alike): an EdDSA or ES256 signature by a
 * key of the set, issuer, audience, an `exp` that is present and not past, a life no longer than
 * `JWT_MAX_LIFETIME`, and the claims' shapes (the region a division code). Throws
 * UNAUTHENTICATED.
 */
export function tokenVerifier(config: TokenVerificationConfig): TokenVerifier {
  const source = config.JWT_JWKS;
  const keys: JWTVerifyGetKey =
    'url' in source
      ? createRemoteJWKSet(source.url, { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : createLocalJWKSet(source.jwks);
  const maxLife = config.JWT_MAX_LIFETIME;
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        algorithms: TOKEN_ALGORITHMS,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp') {
        throw unauthenticated('令牌缺少有效期（exp）');
      }
      if (error instanceof joseErrors.JOSEError) throw unauthenticated('The token is not valid');
      throw error;
    }
    // A long-lived token is a standing credential: refuse it even though its signature is good.
    const exp = payload.exp as number;
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : now;
    if (exp - Math.min(issuedAt, now) > maxLife + CLOCK_TOLERANCE_SECONDS) {
      throw unauthenticated(`令牌有效期超过允许的最长时间（${maxLife} 秒）`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      const field = claims.error.issues[0]?.path.join('.');
      throw unauthenticated(
        field === 'regionCode'
          ? '令牌的辖区（regionCode）不是 2、4、6、9 或 12 位的区划代码'
          : 'The token lacks required claims',
      );
    }
    return claims.data;
  };
}

/** The issuer's key: a private JWK (with `kid`) and the `iss` and `aud` its tokens carry. */
export interface SigningKey {
  privateJwk: JWK;
  issuer: string;
  audience: string;
}

const algorithmOf = (jwk: JWK) => (jwk.kty === 'EC' ? 'ES256' : 'EdDSA');

/** Signs claims with the issuer's private key; the `kid` tells the verifiers which public key to use. */
export async function signToken(key: SigningKey, claims: Claims, expiresIn: string | number = '8h') {
  const { sub, ...rest } = claims;
  const alg = algorithmOf(key.privateJwk);
  return new SignJWT(rest)
    .setProtectedHeader({ alg, kid: key.privateJwk.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(key.issuer)
    .setAudience(key.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(key.privateJwk, alg));
}

/** A new Ed25519 key pair as JWKs, named by `kid` (default: the date and a random suffix). */
export function newSigningKeyPair(kid?: string): { privateJwk: JWK; publicJwk: JWK } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const id = kid ?? `${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: id, alg: 'EdDSA', use: 'sig' } as JWK;
  return { privateJwk, publicJwk: publicJwkOf(privateJwk) };
}

/** The public half of a private JWK: everything but the private parts. */
export function publicJwkOf(privateJwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return publicJwk;
}
