import type { EntityManager } from 'typeorm';
import {
  conflict,
  deadlineDay,
  notFound,
  writeCreationAudit,
  type Claims,
  type Viewer,
} from '@jianguan/platform';
import { penaltyEffect, recordEvent } from '@jianguan/events';
import { recordBlacklistings } from '../blacklist/entries';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import { PenaltyEntity, type PenaltyType } from '../entities/penalty.entity';
import { PatrolCardEntity } from '../entities/patrol-card.entity';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import type { CommandDeps } from '../command-deps';
import { lockInstitutionToEnforce } from '../orders/order-store';
import { ONLINE_MEASURES, type PatrolCardInput, type PenaltyInput } from '../inputs';

async function savePenalty(
  manager: EntityManager,
  actor: Pick<Claims, 'sub' | 'name' | 'regionCode'>,
  institution: KnownInstitutionEntity,
  fields: {
    type: PenaltyType;
    amountFen: number | null;
    description: string;
    legalBasis: string;
    orderId: string | null;
    endsAt: Date | null;
  },
  requestId?: string,
): Promise<PenaltyEntity> {
  const now = new Date();
  const effect = penaltyEffect(fields.type);
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
      decidedRegionCode: actor.regionCode,
      endsAt: fields.endsAt,
      endedAt: null,
    }),
  );
  if (effect.list === 'BLACK') {
    await recordBlacklistings(manager, [
      {
        institutionId: institution.id,
        reason: `PENALTY_${fields.type}`,
        orderId: null,
        penaltyId: penalty.id,
        listedByRegionCode: actor.regionCode,
        listedAt: now,
      },
    ]);
  }
  await writeCreationAudit(manager, {
    actor,
    action: 'imposePenalty',
    entityType: 'Penalty',
    created: penalty,
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
    endsAt: fields.endsAt?.toISOString() ?? null,
  });
  return penalty;
}

/** A measure with a term ends by itself: its MEASURE_END job, after the commit (reconciled too). */
const scheduleEnd = (deps: CommandDeps, penalties: PenaltyEntity[]) =>
  deps.deadlines.add(
    penalties
      .filter((p) => p.endsAt)
      .map((p) => ({ kind: 'MEASURE_END', penaltyId: p.id, endsAt: p.endsAt!.toISOString() })),
  );

/**
 * The same decision taken again within a day by the same official (a double submit, a retried
 * request): answered with the first, recording nothing.
 */
async function sameDecision(manager: EntityManager, institutionId: string, sub: string, input: PenaltyInput) {
  return manager
    .getRepository(PenaltyEntity)
    .createQueryBuilder('p')
    .where('p.institution_id = :institutionId AND p.decided_by_id = :sub AND p.type = :type', {
      institutionId,
      sub,
      type: input.type,
    })
    .andWhere('p.description = :description AND p.legal_basis = :legalBasis', input)
    .andWhere('p.amount_fen IS NOT DISTINCT FROM :amount', { amount: input.amountFen ?? null })
    .andWhere('p.order_id IS NOT DISTINCT FROM :orderId', { orderId: input.orderId ?? null })
    .andWhere(`p.decided_at > now() - interval '1 day'`)
    .getOne();
}

/** Imposes an Order No. 53 penalty or an online measure; fines and confiscations in integer fen. */
export async function imposePenalty(
  deps: CommandDeps,
  viewer: Viewer,
  input: PenaltyInput,
  requestId: string,
): Promise<PenaltyEntity> {
  const penalty = await deps.dataSource.transaction(async (manager) => {
    const { row: institution, actor } = await lockInstitutionToEnforce(manager, viewer, input.institutionId);
    const repeated = await sameDecision(manager, institution.id, actor.sub, input);
    if (repeated) return repeated;
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
        endsAt: input.endsAt ?? null,
      },
      requestId,
    );
  });
  await scheduleEnd(deps, [penalty]);
  return penalty;
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
  let redCardPenalty: PenaltyEntity | null = null;
  const issued = await deps.dataSource.transaction(async (manager) => {
    const { row: institution, actor } = await lockInstitutionToEnforce(manager, viewer, input.institutionId);
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
    await writeCreationAudit(manager, {
      actor,
      action: 'issuePatrolCard',
      entityType: 'PatrolCard',
      created: issued[0],
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
        const suspendedUntil = new Date(
          now.getTime() + deps.config.ENFORCEMENT_RED_CARD_SUSPENSION_SECONDS * 1000,
        );
        const penalty = await savePenalty(
          manager,
          actor,
          institution,
          {
            type: 'SUSPEND_PLATFORM',
            amountFen: null,
            description: `巡查两次黄牌，红牌暂停平台运营至 ${deadlineDay(suspendedUntil)}：${input.reason}`,
            legalBasis: '线上培训巡查红黄牌制度',
            orderId: null,
            endsAt: suspendedUntil,
          },
          requestId,
        );
        issued.push(await card('RED', `${yellows} 张黄牌（窗口期内）`, penalty.id));
        redCardPenalty = penalty;
      }
    }
    return issued;
  });
  if (redCardPenalty) await scheduleEnd(deps, [redCardPenalty]);
  return issued;
}
