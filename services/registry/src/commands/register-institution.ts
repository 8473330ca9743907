import type { DataSource } from 'typeorm';
import {
  badInput,
  conflict,
  isUniqueViolation,
  shanghaiDay,
  writeCreationAudit,
  type Claims,
} from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { InstitutionEntity } from '../entities/institution.entity';
import { RegionEntity } from '../entities/region.entity';
import { assessCertificates } from '../domain/certificate-status';
import { ruleSetInForce } from '../domain/licence-rules';
import type { RegisterInstitutionInput } from './inputs';

export async function registerInstitution(
  dataSource: DataSource,
  actor: Claims,
  input: RegisterInstitutionInput,
  requestId: string,
): Promise<InstitutionEntity> {
  try {
    return await dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(RegionEntity, { code: input.regionCode }))) {
        throw badInput('regionCode', `regionCode ${input.regionCode} is not a known division code`);
      }
      if (await manager.existsBy(InstitutionEntity, { creditCode: input.creditCode })) {
        throw conflict(`An institution with credit code ${input.creditCode} is already registered`);
      }
      const now = new Date();
      // A newly registered institution holds no licences yet.
      const assessment = assessCertificates(input, [], ruleSetInForce(now), now);
      const institution = manager.create(InstitutionEntity, {
        ...input,
        status: 'ACTIVE',
        certificateStatus: assessment.certificateStatus,
        missingLicences: assessment.missing,
        ruleSetVersion: assessment.ruleSetVersion,
        assessedOn: shanghaiDay(now),
        trainingStopOrderedAt: null,
      });
      await manager.save(institution);
      await writeCreationAudit(manager, {
        actor,
        action: 'registerInstitution',
        entityType: 'Institution',
        created: institution,
        requestId,
      });
      await recordEvent(manager, 'registry', 'InstitutionRegistered', {
        institutionId: institution.id,
        creditCode: institution.creditCode,
        name: institution.name,
        kind: institution.kind,
        category: institution.category,
        regionCode: institution.regionCode,
      });
      return institution;
    });
  } catch (error) {
    // Two registrations of one code at the same instant: the unique index decides.
    if (isUniqueViolation(error))
      throw conflict(`An institution with credit code ${input.creditCode} is already registered`);
    throw error;
  }
}
