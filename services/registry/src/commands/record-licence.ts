import type { DataSource } from 'typeorm';
import { conflict, forbidden, isUniqueViolation, writeAudit, type Claims, type Viewer } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { LicenceEntity } from '../entities/licence.entity';
import type { InstitutionEntity } from '../entities/institution.entity';
import { lockInstitution, reassessCertificates, snapshot } from './institution-state';
import type { RecordLicenceInput } from './inputs';

export async function recordLicence(
  dataSource: DataSource,
  viewer: Viewer,
  actor: Claims,
  input: RecordLicenceInput,
  requestId: string,
): Promise<InstitutionEntity> {
  try {
    return await dataSource.transaction(async (manager) => {
      const institution = await lockInstitution(manager, input.institutionId);
      if (!viewer.covers(institution.regionCode)) throw forbidden('Outside your jurisdiction');
      const before = snapshot(institution);
      const licence = await manager.save(manager.create(LicenceEntity, input));
      const now = new Date();
      await reassessCertificates(manager, institution, now);
      await manager.save(institution);
      await writeAudit(manager, {
        actor,
        action: 'recordLicence',
        entityType: 'Institution',
        entityId: institution.id,
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
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A ${input.type} numbered ${input.number} is already recorded`);
    throw error;
  }
}
