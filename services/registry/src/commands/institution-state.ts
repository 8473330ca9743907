import type { EntityManager } from 'typeorm';
import {
  lockAuthorised,
  lockById,
  shanghaiDay,
  writeAudit,
  type AuditEntry,
  type LockedRow,
  type PermissionName,
  type Viewer,
} from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { InstitutionEntity } from '../entities/institution.entity';
import { LicenceEntity } from '../entities/licence.entity';
import { assessCertificates } from '../domain/certificate-status';
import { ruleSetInForce } from '../domain/licence-rules';

/** Locks the institution row for the rest of the transaction, so concurrent changes queue up. */
export const lockInstitution = (manager: EntityManager, id: string): Promise<InstitutionEntity> =>
  lockById(manager, InstitutionEntity, id, 'Institution');

/** Locks the institution once the viewer holds `permission` on it (authorised before the lock, libs/platform). */
export const lockInstitutionFor = (
  manager: EntityManager,
  viewer: Viewer,
  permission: PermissionName,
  id: string,
): Promise<LockedRow<InstitutionEntity>> =>
  lockAuthorised(manager, viewer, permission, { entity: InstitutionEntity, id, what: 'Institution' });

/** Re-derives the certificate status from the licences held and the rule set in force now. */
export async function reassessCertificates(manager: EntityManager, institution: InstitutionEntity, at: Date) {
  const licences = await manager.getRepository(LicenceEntity).findBy({ institutionId: institution.id });
  const assessment = assessCertificates(institution, licences, ruleSetInForce(at), at);
  institution.certificateStatus = assessment.certificateStatus;
  institution.missingLicences = assessment.missing;
  institution.ruleSetVersion = assessment.ruleSetVersion;
  institution.assessedOn = shanghaiDay(at);
  return assessment;
}

/** A plain snapshot for the audit log (before/after). */
export const snapshot = (institution: InstitutionEntity) => ({ ...institution });

/**
 * The audit line of a change to an institution, in the caller's transaction; `after` is its snapshot
 * now unless the caller adds what else it recorded.
 */
export const auditInstitution = (
  manager: EntityManager,
  institution: InstitutionEntity,
  entry: Pick<AuditEntry, 'actor' | 'action' | 'before' | 'requestId'> & { after?: object },
) =>
  writeAudit(manager, {
    actor: entry.actor,
    action: entry.action,
    entityType: 'Institution',
    entityId: institution.id,
    before: entry.before,
    after: entry.after ?? snapshot(institution),
    requestId: entry.requestId,
  });

/** Tells the other departments how the institution is now classified (survey, platform, licences). */
export const recordClassified = (
  manager: EntityManager,
  institution: InstitutionEntity,
  surveyFinding: string,
) =>
  recordEvent(manager, 'registry', 'InstitutionClassified', {
    institutionId: institution.id,
    regionCode: institution.regionCode,
    certificateStatus: institution.certificateStatus,
    missingLicences: institution.missingLicences,
    surveyFinding,
    onNationalPlatform: institution.onNationalPlatform,
  });
