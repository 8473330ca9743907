import type { EntityManager } from 'typeorm';
import { workingDaysDeadline } from '@jianguan/platform';
import { recordEvent, type EventEnvelope, type EventHandlers } from '@jianguan/events';
import { RectificationOrderEntity } from './entities/rectification-order.entity';
import { saveOrderChange, snapshot } from './commands/order-state';
import type { OrderSource, Problem } from './domain/order';
import { activeCampaign } from './commands/campaigns';
import type { DeadlineScheduler } from './deadlines/schedule';

const SYSTEM = { sub: 'system:enforcement-events', name: '整改事件处理' };

export interface EventHandlerDeps {
  /** Orders opened from events are scheduled at once; the reconciler is the backstop. */
  deadlines: DeadlineScheduler;
  defaultDeadlineWorkingDays: number;
}

/** Marks an institution's open orders of the given sources rectified, because another department says so. */
async function rectifyOpenOrders(
  manager: EntityManager,
  institutionId: string,
  sources: OrderSource[],
  evidence: string,
  at: Date,
): Promise<void> {
  const orders = await manager
    .getRepository(RectificationOrderEntity)
    .createQueryBuilder('o')
    .setLock('pessimistic_write')
    .where('o.institution_id = :institutionId', { institutionId })
    .andWhere("o.status = 'OPEN'")
    .andWhere('o.source IN (:...sources)', { sources })
    .getMany();
  for (const order of orders) {
    const before = snapshot(order);
    order.status = 'RECTIFIED';
    order.rectifiedAt = at;
    order.evidence = evidence;
    await saveOrderChange(manager, order, before, SYSTEM, 'confirmRectification', evidence);
    await recordEvent(manager, 'enforcement', 'RectificationConfirmed', {
      orderId: order.id,
      institutionId: order.institutionId,
      regionCode: order.regionCode,
      confirmedAt: at.toISOString(),
    });
  }
}

/** Opens an order from another department's finding, once per origin however often the event comes. */
async function openOrder(
  manager: EntityManager,
  deps: EventHandlerDeps,
  spec: {
    institutionId: string;
    regionCode: string;
    source: OrderSource;
    problems: Problem[];
    deadline: Date;
    campaignId: string | null;
    originKey: string;
    detail: string;
  },
): Promise<void> {
  if (await manager.findOneBy(RectificationOrderEntity, { originKey: spec.originKey })) return;
  const now = new Date();
  const order = manager.create(RectificationOrderEntity, {
    institutionId: spec.institutionId,
    regionCode: spec.regionCode,
    source: spec.source,
    problems: spec.problems,
    issuingRegionCode: spec.regionCode.slice(0, 6),
    issuedById: SYSTEM.sub,
    issuedByName: SYSTEM.name,
    issuedAt: now,
    deadline: spec.deadline,
    deadlineSetAt: now,
    status: 'OPEN',
    escalationLevel: null,
    respondBy: null,
    rectifiedAt: null,
    evidence: null,
    closedAt: null,
    campaignId: spec.campaignId,
    originKey: spec.originKey,
  });
  await saveOrderChange(manager, order, null, SYSTEM, 'issueRectificationOrder', spec.detail);
  await recordEvent(manager, 'enforcement', 'RectificationOrderIssued', {
    orderId: order.id,
    institutionId: order.institutionId,
    regionCode: order.regionCode,
    problems: order.problems,
    deadline: order.deadline.toISOString(),
    issuedAt: now.toISOString(),
  });
  // Should this transaction roll back, the jobs find no order and do nothing; the reconciler is the backstop.
  await deps.deadlines.schedule(order);
}

/**
 * The local read model of institutions, and the orders other departments' findings open or close.
 * Each runs in the consumer's transaction after the inbox claimed the event, so it applies once.
 */
export const enforcementEventHandlers = (deps: EventHandlerDeps): EventHandlers => ({
  InstitutionRegistered: async (manager, envelope: EventEnvelope<'InstitutionRegistered'>) => {
    const { institutionId, name, kind, category, regionCode } = envelope.payload;
    await manager.query(
      `INSERT INTO enforcement.known_institution (id, name, region_code, kind, category)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE
         SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, kind = EXCLUDED.kind,
             category = EXCLUDED.category, updated_at = now()`,
      [institutionId, name, regionCode, kind, category],
    );
  },

  InstitutionClassified: async (manager, envelope: EventEnvelope<'InstitutionClassified'>) => {
    const { institutionId, regionCode, certificateStatus, missingLicences } = envelope.payload;
    await manager.query(
      `INSERT INTO enforcement.known_institution (id, region_code, certificate_status, missing_licences)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE
         SET region_code = EXCLUDED.region_code, certificate_status = EXCLUDED.certificate_status,
             missing_licences = EXCLUDED.missing_licences, updated_at = now()`,
      [institutionId, regionCode, certificateStatus, missingLicences],
    );
    const { onNationalPlatform } = envelope.payload;
    if (certificateStatus === 'COMPLETE' && onNationalPlatform) {
      await rectifyOpenOrders(
        manager,
        institutionId,
        ['SURVEY'],
        '登记显示证照已齐全',
        new Date(envelope.occurredAt),
      );
      return;
    }
    // Incomplete certificates (or not on the national platform) inside a running campaign: an order.
    const campaign = await activeCampaign(manager, regionCode, new Date());
    if (!campaign) return;
    const found: Problem[] = [
      // Not being on the platform counts as missing; it is named once, as its own problem, below.
      ...missingLicences
        .filter((licence) => licence !== 'NATIONAL_PLATFORM')
        .map((licence) => ({
          code: `MISSING_${licence}`,
          description: `缺少证照：${licence}`,
          field: null,
        })),
      ...(onNationalPlatform
        ? []
        : [
            {
              code: 'NOT_ON_NATIONAL_PLATFORM',
              description: '未纳入全国校外培训监管与服务综合平台',
              field: null,
            },
          ]),
    ];
    if (found.length === 0) {
      if (certificateStatus === 'COMPLETE') return;
      found.push({ code: 'INCOMPLETE_CERTIFICATES', description: '证照不全', field: null });
    }
    await openOrder(manager, deps, {
      institutionId,
      regionCode,
      source: 'SURVEY',
      problems: found,
      deadline: campaign.defaultDeadline,
      campaignId: campaign.id,
      originKey: `campaign:${campaign.id}:${institutionId}`,
      detail: `专项治理行动：${campaign.name}`,
    });
  },

  /** A licence that completes the certificates (a permit from an approved review among them). */
  LicenceRecorded: async (manager, envelope: EventEnvelope<'LicenceRecorded'>) => {
    const { institutionId, regionCode, certificateStatus, missingLicences, licenceType } = envelope.payload;
    await manager.query(
      `INSERT INTO enforcement.known_institution (id, region_code, certificate_status, missing_licences)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE
         SET certificate_status = EXCLUDED.certificate_status,
             missing_licences = EXCLUDED.missing_licences, updated_at = now()`,
      [institutionId, regionCode, certificateStatus, missingLicences],
    );
    if (certificateStatus === 'COMPLETE') {
      await rectifyOpenOrders(
        manager,
        institutionId,
        ['SURVEY', 'QUALIFICATION_REVIEW'],
        `证照已齐全（${licenceType}）`,
        new Date(envelope.occurredAt),
      );
    }
  },

  OnlineFilingApproved: async (manager, envelope: EventEnvelope<'OnlineFilingApproved'>) => {
    const { institutionId, filingId } = envelope.payload;
    await rectifyOpenOrders(
      manager,
      institutionId,
      ['ONLINE_SCREENING'],
      `线上培训备案已通过（${filingId}）`,
      new Date(envelope.payload.approvedAt),
    );
  },

  /** Screening problems open an order with the default deadline; one per screening, however often delivered. */
  ScreeningProblemsFound: async (manager, envelope: EventEnvelope<'ScreeningProblemsFound'>) => {
    const { institutionId, regionCode, filingId, problems, screenedAt } = envelope.payload;
    await manager.query(
      `INSERT INTO enforcement.known_institution (id, region_code) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
      [institutionId, regionCode],
    );
    const now = new Date();
    const campaign = await activeCampaign(manager, regionCode, now);
    await openOrder(manager, deps, {
      institutionId,
      regionCode,
      source: 'ONLINE_SCREENING',
      problems: problems.map(({ code, description, field }) => ({ code, description, field })),
      deadline: campaign?.defaultDeadline ?? workingDaysDeadline(now, deps.defaultDeadlineWorkingDays),
      campaignId: campaign?.id ?? null,
      originKey: `screening:${filingId}:${screenedAt}`,
      detail: `备案审查发现问题（${filingId}）`,
    });
  },
});
