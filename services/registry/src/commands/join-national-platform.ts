import type { DataSource } from 'typeorm';
import type { Viewer } from '@jianguan/platform';
import { InstitutionEntity } from '../entities/institution.entity';
import {
  auditInstitution,
  lockInstitutionFor,
  reassessCertificates,
  recordClassified,
  snapshot,
} from './institution-state';

/** Records that the institution has joined the national supervision platform; idempotent. */
export async function joinNationalPlatform(
  dataSource: DataSource,
  viewer: Viewer,
  institutionId: string,
  requestId: string,
): Promise<InstitutionEntity> {
  return dataSource.transaction(async (manager) => {
    const { row: institution, actor } = await lockInstitutionFor(
      manager,
      viewer,
      'registry.write',
      institutionId,
    );
    if (institution.onNationalPlatform) return institution;
    const before = snapshot(institution);
    institution.onNationalPlatform = true;
    await reassessCertificates(manager, institution, new Date());
    await manager.save(institution);
    await auditInstitution(manager, institution, {
      actor,
      action: 'joinNationalPlatform',
      before,
      requestId,
    });
    await recordClassified(manager, institution, 'NATIONAL_PLATFORM_JOINED');
    return institution;
  });
}
