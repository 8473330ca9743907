import type { EntityManager } from 'typeorm';
import { conflict, notFound, writeAudit, type Claims, type Viewer } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import { PenaltyEntity, type PenaltyType } from '../entities/penalty.entity';
import { PatrolCardEntity } from '../entities/patrol-card.entity';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { requireEnforcer, type CommandDeps } from './order-state';
import { ONLINE_MEASURES, type PatrolCardInput, type PenaltyInput } from './inputs';

/** Locks the institution's row, so its penalties and cards are decided one at a time. */
async function lockInstitution(manager: EntityManager, id: string): Promise<KnownInstitutionEntity> {
  const institution = await manager
    .getRepository(KnownInstitutionEntity)
    .createQueryBuilder('i')
    .setLock('pessimistic_write')
    .where('i.id = :id', { id })
    .getOne();
  if (!institution) throw notFound('Institution');
  return institution;
}

async function savePenalty(
  manager: EntityManager,
  actor: Pick<Claims, 'sub' | 'name'>,
  institution: KnownInstitutionEntity,
  fields: {
    type: PenaltyType;
    amountFen: number | null;
    description: string;
    legalBasis: string;
    orderId: string | null;
  },
  requestId?: string,
): Promise<PenaltyEntity> {
  const now = new Date();
  const penalty = await manager.save(
    manager.create(PenaltyEntity, {
      institutionId: institution.id,
      regionCode: institution.regionCode,
      orderId: fields.orderId,
      type: fields.type,
      amountFen: fields.amountFen === null ? null : String(fields.amountFen),
      description: fields.description,
      legalBasis: fields.legalBasis,
      decidedById: actor.sub,
      decidedByName: actor.name,
      decidedAt: now,
    }),
  );
  await writeAudit(manager, {
    actor,
    action: 'imposePenalty',
    entityType: 'Penalty',
    entityId: penalty.id,
    before: null,
    after: { ...penalty },
    requestId,
  });
  await recordEvent(manager, 'enforcement', 'PenaltyImposed', {
    penaltyId: penalty.id,
    institutionId: institution.id,
    regionCode: institution.regionCode,
    penaltyType: fields.type,
    amountFen: fields.amountFen,
    description: fields.description,
    decidedAt: now.toISOString(),
  });
  return penalty;
}

/** Imposes an Order No. 53 penalty or an online measure; fines and confiscations in integer fen. */
export async function imposePenalty(
  deps: CommandDeps,
  viewer: Viewer,
  input: PenaltyInput,
  requestId: string,
): Promise<PenaltyEntity> {
  return deps.dataSource.transaction(async (manager) => {
    const institution = await lockInstitution(manager, input.institutionId);
    const actor = requireEnforcer(viewer, institution.regionCode);
    if (ONLINE_MEASURES.includes(input.type) && institution.kind === 'OFFLINE') {
      throw conflict(`${input.type} applies to online institutions only`);
    }
    if (input.orderId) {
      const order = await manager.findOneBy(RectificationOrderEntity, { id: input.orderId });
      if (!order || order.institutionId !== institution.id) throw notFound('Rectification order');
    }
    return savePenalty(
      manager,
      actor,
      institution,
      {
        type: input.type,
        amountFen: input.amountFen ?? null,
        description: input.description,
        legalBasis: input.legalBasis,
        orderId: input.orderId ?? null,
      },
      requestId,
    );
  });
}

/**
 * Online patrol's card ladder: a reminder, a yellow card, and — the second yellow within the configured
 * window — a red card that stops the platform operating (a SUSPEND_PLATFORM penalty, PenaltyImposed).
 * Returns every card the step issued (the yellow and, when it made one, the red).
 */
export async function issuePatrolCard(
  deps: CommandDeps,
  viewer: Viewer,
  input: PatrolCardInput,
  requestId: string,
): Promise<PatrolCardEntity[]> {
  return deps.dataSource.transaction(async (manager) => {
    const institution = await lockInstitution(manager, input.institutionId);
    const actor = requireEnforcer(viewer, institution.regionCode);
    if (institution.kind === 'OFFLINE') throw conflict('Patrol cards are for online institutions');
    const now = new Date();
    const card = (kind: PatrolCardEntity['card'], reason: string, penaltyId: string | null = null) =>
      manager.save(
        manager.create(PatrolCardEntity, {
          institutionId: institution.id,
          regionCode: institution.regionCode,
          card: kind,
          reason,
          penaltyId,
          issuedById: actor.sub,
          issuedByName: actor.name,
          issuedAt: now,
        }),
      );
    const issued = [await card(input.card, input.reason)];
    await writeAudit(manager, {
      actor,
      action: 'issuePatrolCard',
      entityType: 'PatrolCard',
      entityId: issued[0].id,
      before: null,
      after: { ...issued[0] },
      requestId,
    });
    if (input.card === 'YELLOW') {
      const windowStart = new Date(now.getTime() - deps.config.ENFORCEMENT_YELLOW_CARD_WINDOW_SECONDS * 1000);
      const [{ yellows, reds }]: { yellows: number; reds: number }[] = await manager.query(
        `SELECT count(*) FILTER (WHERE card = 'YELLOW' AND issued_at >= $2)::int AS yellows,
                count(*) FILTER (WHERE card = 'RED' AND issued_at >= $2)::int AS reds
           FROM enforcement.patrol_card WHERE institution_id = $1`,
        [institution.id, windowStart],
      );
      if (yellows >= 2 && reds === 0) {
        const penalty = await savePenalty(
          manager,
          actor,
          institution,
          {
            type: 'SUSPEND_PLATFORM',
            amountFen: null,
            description: `巡查两次黄牌，红牌停止运营：${input.reason}`,
            legalBasis: '线上培训巡查红黄牌制度',
            orderId: null,
          },
          requestId,
        );
        issued.push(await card('RED', `${yellows} 张黄牌（窗口期内）`, penalty.id));
      }
    }
    return issued;
  });
}
