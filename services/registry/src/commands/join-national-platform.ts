import type { DataSource } from 'typeorm';
import { lockAuthorised, writeAudit, type Viewer } from '@jianguan/platform';
import { InstitutionEntity } from '../entities/institution.entity';
import { reassessCertificates, recordClassified, snapshot } from './institution-state';

/** Records that the institution has joined the national supervision platform; idempotent. */
export async function joinNationalPlatform(
  dataSource: DataSource,
  viewer: Viewer,
  institutionId: string,
  requestId: string,
): Promise<InstitutionEntity> {
  return dataSource.transaction(async (manager) => {
    const { row: institution, actor } = await lockAuthorised(manager, viewer, 'registry.write', {
      entity: InstitutionEntity,
      id: institutionId,
      what: 'Institution',
    });
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
    await recordClassified(manager, institution, 'NATIONAL_PLATFORM_JOINED');
    return institution;
  });
}
