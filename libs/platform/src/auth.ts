import { z } from 'zod';
import { forbidden, unauthenticated } from './errors';

/** Claims an official's or institution user's token carries (DESIGN.md §6). */
export const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  scopes: z.array(z.string().min(1)),
  /** The holder's jurisdiction: a division code (province 2, city 4, county 6, township 9, village 12 digits). */
  regionCode: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/),
  institutionId: z.string().uuid().optional(),
});
export type Claims = z.infer<typeof claimsSchema>;

/** Reads `Authorization: Bearer …`; undefined for the public. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  return match[1];
}

/** A region code covers itself and every code that starts with it (province 2 … village 12 digits). */
export const regionCovers = (jurisdiction: string, regionCode: string) => regionCode.startsWith(jurisdiction);

/** Who is asking, and the checks every resolver makes before touching data. */
export class Viewer {
  constructor(readonly claims: Claims | undefined) {}

  get isPublic() {
    return this.claims === undefined;
  }

  /** The signed-in caller, or UNAUTHENTICATED. */
  requireUser(): Claims {
    if (!this.claims) throw unauthenticated();
    return this.claims;
  }

  hasScope(scope: string): boolean {
    return !!this.claims && (this.claims.scopes.includes(scope) || this.claims.scopes.includes('admin'));
  }

  /** Requires one of the scopes (any of them is enough). */
  requireScope(...scopes: string[]): Claims {
    const claims = this.requireUser();
    if (!scopes.some((scope) => this.hasScope(scope))) {
      throw forbidden(`Requires scope ${scopes.join(' or ')}`);
    }
    return claims;
  }

  /** True when the caller's jurisdiction includes the region. */
  covers(regionCode: string): boolean {
    return !!this.claims && regionCovers(this.claims.regionCode, regionCode);
  }

  requireRegion(regionCode: string): void {
    this.requireUser();
    if (!this.covers(regionCode)) throw forbidden('Outside your jurisdiction');
  }

  /**
   * The one rule for region statistics (every subgraph's `Region` figures and the like): officials
   * whose jurisdiction includes the whole region. An institution's own users see their institution,
   * never a region's figures, whatever region their token names.
   */
  requireRegionStatistics(regionCode: string): Claims {
    const claims = this.requireUser();
    if (claims.institutionId || !this.covers(regionCode)) {
      throw forbidden('区域统计仅限辖区包含该区域的主管部门查看');
    }
    return claims;
  }

  /**
   * The part of requireActingFor that needs no row, checked before an id is looked up or locked: an
   * institution's own user (which institution is checked once the row is read), or an official
   * holding one of the scopes. So a caller who may not act learns nothing about ids and waits on no lock.
   */
  requireInstitutionUserOrScope(...scopes: string[]): Claims {
    const claims = this.requireUser();
    return claims.institutionId ? claims : this.requireScope(...scopes);
  }

  /**
   * Acting on an institution's behalf: one of its own users, or an official holding one of the
   * scopes whose jurisdiction covers it.
   */
  requireActingFor(institution: { id: string; regionCode: string }, ...scopes: string[]): Claims {
    const claims = this.requireUser();
    if (claims.institutionId) {
      if (claims.institutionId !== institution.id) throw forbidden('Not your institution');
      return claims;
    }
    this.requireScope(...scopes);
    if (!this.covers(institution.regionCode)) throw forbidden('Outside your jurisdiction');
    return claims;
  }

  /**
   * May this caller see an institution's records: an official whose region covers it,
   * or a user of that institution.
   */
  canSeeInstitution(institution: { id: string; regionCode: string }): boolean {
    if (!this.claims) return false;
    if (this.claims.institutionId) return this.claims.institutionId === institution.id;
    return this.covers(institution.regionCode);
  }
}
