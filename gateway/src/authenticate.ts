import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { bearerToken, type Claims, type TokenVerifier } from '@jianguan/platform';

export interface AuthenticatedLocals {
  /** Undefined for the public. */
  claims?: Claims;
}

/**
 * Verifies the caller's token before anything else happens: a forged, expired or malformed
 * token is refused with 401 UNAUTHENTICATED and no subgraph is called. No token is the public,
 * let through: what the public may read is each subgraph's decision.
 */
export function authenticate(verifyToken: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = bearerToken(req.headers.authorization);
      (res.locals as AuthenticatedLocals).claims = token ? await verifyToken(token) : undefined;
      next();
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code !== 'UNAUTHENTICATED') return next(error);
      res
        .status(401)
        .set('www-authenticate', 'Bearer error="invalid_token"')
        .json({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  };
}
