import { forbidden, writeCreationAudit, type Viewer } from '@jianguan/platform';
import type { CommandDeps } from '../command-deps';
import { DisciplineReferralEntity } from '../entities/discipline-referral.entity';
import type { ReferralInput } from '../inputs';

/**
 * A province or city official hands a region, a unit or named officials that did not act to discipline
 * inspection (the seed's 对工作不力、不作为的地区、单位和个人移交纪检监察机关), with the facts and the
 * evidence. It appears beside the ladder's own referrals for `discipline:read`. County officials escalate
 * through the ladder instead: a referral is the level above's judgement on those below it.
 */
export async function referToDiscipline(
  deps: CommandDeps,
  viewer: Viewer,
  input: ReferralInput,
  requestId: string,
): Promise<DisciplineReferralEntity> {
  const actor = viewer.requireOn('enforcement.act', { regionCode: input.regionCode });
  if (actor.regionCode.length > 4) throw forbidden('仅省级、市级主管部门可移送纪检监察机关');
  return deps.dataSource.transaction(async (manager) => {
    const referral = await manager.save(
      manager.create(DisciplineReferralEntity, {
        orderId: null,
        institutionId: input.institutionId ?? null,
        regionCode: input.regionCode,
        responsibleRegionCode: input.regionCode,
        responsibleUnit: input.responsibleUnit,
        officers: input.officers,
        reason: input.facts,
        referredAt: new Date(),
        source: 'MANUAL',
        evidence: input.evidence,
        referredById: actor.sub,
        referredByName: actor.name,
      }),
    );
    await writeCreationAudit(manager, {
      actor,
      action: 'referToDiscipline',
      entityType: 'DisciplineReferral',
      created: referral,
      requestId,
    });
    return referral;
  });
}
