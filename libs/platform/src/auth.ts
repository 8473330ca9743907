import { z } from 'zod';
import { forbidden, unauthenticated } from './errors';
import { requireRegionCode } from './validation';
import {
  ownerOf,
  PERMISSIONS,
  SCOPES,
  type Permission,
  type PermissionName,
  type Subject,
} from './permissions';

/** Claims an official's or institution user's token carries (docs/design.md §6). */
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

/** A caller who holds the scope but may not: an institution's user, or outside the jurisdiction. */
const refusal = (permission: Permission) => forbidden(permission.refusal ?? 'Outside your jurisdiction');

/**
 * Who is asking, and the one API every resolver and command authorises with: each check names a
 * permission of the table in permissions.ts and, once the record is read, the record.
 */
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
    return !!this.claims && (this.claims.scopes.includes(scope) || this.claims.scopes.includes(SCOPES.admin));
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
   * May the caller ask for this at all: the part of the permission that needs no record, checked
   * before an id is looked up or a row locked — so a caller who may not learns nothing about ids and
   * waits on no lock. An institution's user passes where the permission lets them act on their own
   * institution's records (which institution is checked on the record), an official needs the scope.
   */
  require(name: PermissionName): Claims {
    const claims = this.requireUser();
    const permission: Permission = PERMISSIONS[name];
    if (claims.institutionId && permission.ownInstitution) return claims;
    return this.requireScopeOf(permission);
  }

  /** An official holding the permission's scope: lists and queues that are not an institution's records. */
  requireOfficial(name: PermissionName): Claims {
    const permission: Permission = PERMISSIONS[name];
    const claims = this.requireScopeOf(permission);
    if (claims.institutionId) throw refusal(permission);
    return claims;
  }

  /**
   * The region an officials' list (orders, referrals, the review queue) covers: the one asked for,
   * or else the caller's jurisdiction; a division code the jurisdiction covers.
   */
  requireListRegion(name: PermissionName, requested: string | null | undefined): string {
    const claims = this.requireOfficial(name);
    const regionCode = requireRegionCode('regionCode', requested ?? claims.regionCode);
    this.requireRegion(regionCode);
    return regionCode;
  }

  /** The permission on one record or region: its institution's own user, or an official of its jurisdiction. */
  requireOn(name: PermissionName, subject: Subject): Claims {
    const claims = this.requireUser();
    const permission: Permission = PERMISSIONS[name];
    if (claims.institutionId && permission.ownInstitution) {
      if (ownerOf(subject) !== claims.institutionId) throw forbidden('Not your institution');
      return claims;
    }
    this.requireScopeOf(permission);
    if (claims.institutionId || !this.covers(subject.regionCode)) throw refusal(permission);
    return claims;
  }

  /** requireOn as a yes or no: filters the records a list shows. */
  may(name: PermissionName, subject: Subject): boolean {
    if (!this.claims) return false;
    const permission: Permission = PERMISSIONS[name];
    if (this.claims.institutionId) {
      return permission.ownInstitution && ownerOf(subject) === this.claims.institutionId;
    }
    return this.holdsScopeOf(permission) && this.covers(subject.regionCode);
  }

  /**
   * Reads one record for the caller: `require` before it is loaded (the same refusal for an id that
   * exists and one that does not), then the record itself. Null when there is no such record.
   */
  async requireVisible<R extends Subject>(
    name: PermissionName,
    load: () => Promise<R | null | undefined>,
  ): Promise<R | null> {
    this.require(name);
    const record = (await load()) ?? null;
    if (record && !this.may(name, record)) throw refusal(PERMISSIONS[name]);
    return record;
  }

  /** The one rule for region statistics (every subgraph's `Region` figures), `region.statistics`. */
  requireRegionStatistics(regionCode: string): Claims {
    return this.requireOn('region.statistics', { regionCode });
  }

  private holdsScopeOf(permission: Permission): boolean {
    return permission.scopes.length === 0 || permission.scopes.some((scope) => this.hasScope(scope));
  }

  private requireScopeOf(permission: Permission): Claims {
    const claims = this.requireUser();
    if (!this.holdsScopeOf(permission)) throw forbidden(`Requires scope ${permission.scopes.join(' or ')}`);
    return claims;
  }
}
