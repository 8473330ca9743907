import type { DataSource } from 'typeorm';
import { forbidden, writeAudit, type Claims, type Viewer } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import type { InstitutionEntity } from '../entities/institution.entity';
import { lockInstitution, reassessCertificates, snapshot } from './institution-state';

/** Records that the institution has joined the national supervision platform; idempotent. */
export async function joinNationalPlatform(
  dataSource: DataSource,
  viewer: Viewer,
  actor: Claims,
  institutionId: string,
  requestId: string,
): Promise<InstitutionEntity> {
  return dataSource.transaction(async (manager) => {
    const institution = await lockInstitution(manager, institutionId);
    if (!viewer.canSeeInstitution(institution)) throw forbidden('Outside your jurisdiction');
    if (institution.onNationalPlatform) return institution;
    const before = snapshot(institution);
    institution.onNationalPlatform = true;
    await reassessCertificates(manager, institution, new Date());
    await manager.save(institution);
    await writeAudit(manager, {
      actor,
      action: 'joinNationalPlatform',
      entityType: 'Institution',
      entityId: institution.id,
      before,
      after: snapshot(institution),
      requestId,
    });
    await recordEvent(manager, 'registry', 'InstitutionClassified', {
      institutionId: institution.id,
      regionCode: institution.regionCode,
      certificateStatus: institution.certificateStatus,
      missingLicences: institution.missingLicences,
      surveyFinding: 'NATIONAL_PLATFORM_JOINED',
      onNationalPlatform: true,
    });
    return institution;
  });
}
