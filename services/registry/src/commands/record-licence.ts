import type { DataSource, EntityManager } from 'typeorm';
import { conflict, isUniqueViolation, type Claims, type Viewer } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { LicenceEntity } from '../entities/licence.entity';
import { InstitutionEntity } from '../entities/institution.entity';
import { auditInstitution, lockInstitutionFor, reassessCertificates, snapshot } from './institution-state';
import type { RecordLicenceInput } from './inputs';

export type LicenceData = Omit<RecordLicenceInput, 'institutionId'>;

/**
 * Adds a licence to a locked institution, re-derives its certificate status, and writes the audit
 * line and the LicenceRecorded event — all with the caller's transaction.
 */
export async function applyLicence(
  manager: EntityManager,
  institution: InstitutionEntity,
  data: LicenceData,
  actor: Pick<Claims, 'sub' | 'name'>,
  requestId?: string,
): Promise<InstitutionEntity> {
  const before = snapshot(institution);
  const licence = await manager.save(
    manager.create(LicenceEntity, { ...data, institutionId: institution.id }),
  );
  await reassessCertificates(manager, institution, new Date());
  await manager.save(institution);
  await auditInstitution(manager, institution, {
    actor,
    action: 'recordLicence',
    before,
    after: { ...snapshot(institution), licence: { ...licence } },
    requestId,
  });
  await recordEvent(manager, 'registry', 'LicenceRecorded', {
    institutionId: institution.id,
    regionCode: institution.regionCode,
    licenceId: licence.id,
    licenceType: licence.type,
    certificateStatus: institution.certificateStatus,
    missingLicences: institution.missingLicences,
  });
  return institution;
}

export async function recordLicence(
  dataSource: DataSource,
  viewer: Viewer,
  input: RecordLicenceInput,
  requestId: string,
): Promise<InstitutionEntity> {
  const { institutionId, ...data } = input;
  try {
    return await dataSource.transaction(async (manager) => {
      const { row: institution, actor } = await lockInstitutionFor(
        manager,
        viewer,
        'registry.write',
        institutionId,
      );
      return applyLicence(manager, institution, data, actor, requestId);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`A ${input.type} numbered ${input.number} is already recorded`);
    throw error;
  }
}
