import type { EntityManager } from 'typeorm';
import {
  keepHolidayScheduleCopy,
  readWorkingCalendar,
  warnProvisionalDeadline,
  type Logger,
} from '@jianguan/platform';
import {
  keepClassification,
  keepRegistration,
  type EventEnvelope,
  type EventHandlers,
} from '@jianguan/events';
import { ENFORCEMENT_SCHEMA } from './data-source';
import { RectificationOrderEntity } from './entities/rectification-order.entity';
import { regionAtLevel, type OrderSource } from './orders/order';
import { activeCampaign } from './campaigns/commands';
import { campaignProblemsOf } from './campaigns/scope';
import type { DeadlineScheduler } from './deadlines/schedule';
import { lockKnownInstitution, openOrder, type OrderSpec } from './orders/open-order';
import { markRectified } from './orders/rectify';
import { CONFIRMABLE } from './orders/transitions';
import { recomputeProvisionalDeadlines } from './deadlines/recompute';

/** Orders changed by another department's event name that event as their actor. */
const eventActor = (envelope: EventEnvelope, what: string) => ({
  sub: `event:${envelope.id}`,
  name: `${what}（${envelope.producer} 事件）`,
});

export interface EventHandlerDeps {
  /** Orders opened from events are scheduled at once; the reconciler is the backstop. */
  deadlines: DeadlineScheduler;
  defaultDeadlineWorkingDays: number;
  /** Warns of provisional deadlines (counted into a year without its holiday schedule). */
  logger?: Logger;
}

/** Confirms an institution's orders of the given sources, because another department's event says so. */
async function rectifyOrders(
  manager: EntityManager,
  envelope: EventEnvelope,
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
    .andWhere('o.status IN (:...statuses)', { statuses: [...CONFIRMABLE] })
    .andWhere('o.source IN (:...sources)', { sources })
    .getMany();
  const actor = eventActor(envelope, evidence);
  for (const order of orders) await markRectified(manager, order, actor, evidence, at);
}

/** Opens (or extends) an order from another department's finding; schedules it when it is new. */
async function openFromEvent(manager: EntityManager, deps: EventHandlerDeps, spec: OrderSpec) {
  await lockKnownInstitution(manager, spec.institutionId);
  const { order, outcome } = await openOrder(manager, spec);
  // Should this transaction roll back, the jobs find no order and do nothing; the reconciler is the backstop.
  if (outcome === 'CREATED') await deps.deadlines.schedule(order);
}

const upsertClassification = keepClassification(ENFORCEMENT_SCHEMA, (p) => ({
  onNationalPlatform: p.onNationalPlatform,
}));

/** Complete and on the national platform: the survey's findings are rectified. */
const certificatesSettled = (p: EventEnvelope<'InstitutionClassified'>['payload']) =>
  p.certificateStatus === 'COMPLETE' && p.onNationalPlatform;

/** An institution a running campaign of its region covers gets an order for the campaign's problems. */
async function openCampaignOrder(
  manager: EntityManager,
  deps: EventHandlerDeps,
  envelope: EventEnvelope<'InstitutionClassified'>,
): Promise<void> {
  const p = envelope.payload;
  const campaign = await activeCampaign(manager, p.regionCode, new Date());
  if (!campaign) return;
  const institution = await lockKnownInstitution(manager, p.institutionId);
  const problems = campaignProblemsOf(institution, campaign);
  if (problems.length === 0) return;
  await openFromEvent(manager, deps, {
    institutionId: p.institutionId,
    regionCode: p.regionCode,
    source: 'SURVEY',
    problems,
    deadline: campaign.defaultDeadline,
    campaignId: campaign.id,
    originKey: `campaign:${campaign.id}:${p.institutionId}`,
    issuingRegionCode: regionAtLevel(p.regionCode, 'COUNTY'),
    actor: eventActor(envelope, `专项治理行动：${campaign.name}`),
    detail: `专项治理行动：${campaign.name}`,
  });
}

/** The read model's certificate columns, from a licence event (which may come before registration). */
const recordCertificates = (manager: EntityManager, p: EventEnvelope<'LicenceRecorded'>['payload']) =>
  manager.query(
    `INSERT INTO enforcement.known_institution (id, region_code, certificate_status, missing_licences)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE
       SET certificate_status = EXCLUDED.certificate_status,
           missing_licences = EXCLUDED.missing_licences, updated_at = now()`,
    [p.institutionId, p.regionCode, p.certificateStatus, p.missingLicences],
  );

/** The institution as far as a screening event tells it, so the order has its row to lock. */
const knowInstitution = (manager: EntityManager, institutionId: string, regionCode: string) =>
  manager.query(
    `INSERT INTO enforcement.known_institution (id, region_code) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
    [institutionId, regionCode],
  );

/** The screening's problems as an order, on a running campaign's deadline or the default one. */
async function openScreeningOrder(
  manager: EntityManager,
  deps: EventHandlerDeps,
  envelope: EventEnvelope<'ScreeningProblemsFound'>,
): Promise<void> {
  const { institutionId, regionCode, filingId, problems, screenedAt } = envelope.payload;
  const now = new Date();
  const campaign = await activeCampaign(manager, regionCode, now);
  const counted = campaign
    ? null
    : (await readWorkingCalendar(manager, ENFORCEMENT_SCHEMA)).deadline(now, deps.defaultDeadlineWorkingDays);
  if (counted?.provisional && deps.logger) {
    warnProvisionalDeadline(deps.logger, { filingId, deadline: counted.at.toISOString() });
  }
  await openFromEvent(manager, deps, {
    institutionId,
    regionCode,
    source: 'ONLINE_SCREENING',
    problems: problems.map(({ code, description, field }) => ({ code, description, field })),
    deadline: campaign?.defaultDeadline ?? counted!.at,
    deadlineWorkingDays: counted ? deps.defaultDeadlineWorkingDays : null,
    deadlineProvisional: counted?.provisional ?? false,
    campaignId: campaign?.id ?? null,
    originKey: `screening:${filingId}:${screenedAt}`,
    issuingRegionCode: regionAtLevel(regionCode, 'COUNTY'),
    actor: eventActor(envelope, '备案审查'),
    detail: `备案审查发现问题（${filingId}）`,
  });
}

/**
 * The local read model of institutions, and the orders other departments' findings open or close.
 * Each runs in the consumer's transaction after the inbox claimed the event, so it applies once.
 */
export const enforcementEventHandlers = (deps: EventHandlerDeps): EventHandlers => ({
  /** The registry loaded a year's schedule: keep the copy, recount provisional deadlines, reschedule. */
  HolidayScheduleLoaded: async (manager, envelope: EventEnvelope<'HolidayScheduleLoaded'>) => {
    const p = envelope.payload;
    const loadedAt = new Date(p.loadedAt);
    const stored = await keepHolidayScheduleCopy(manager, ENFORCEMENT_SCHEMA, {
      ...p,
      loadedBy: envelope.producer,
      loadedAt,
    });
    if (!stored) return;
    const actor = eventActor(envelope, `节假日安排：${p.notice}`);
    const step = `calendar:${p.year}:${envelope.id}`;
    const moved = await recomputeProvisionalDeadlines(manager, actor, p.notice, step, new Date());
    for (const order of moved) await deps.deadlines.schedule(order);
  },

  InstitutionRegistered: keepRegistration(ENFORCEMENT_SCHEMA),

  /** Complete and on the platform closes survey orders; in scope of a running campaign opens one. */
  InstitutionClassified: async (manager, envelope: EventEnvelope<'InstitutionClassified'>) => {
    const p = envelope.payload;
    await upsertClassification(manager, envelope);
    if (certificatesSettled(p)) {
      const at = new Date(envelope.occurredAt);
      await rectifyOrders(manager, envelope, p.institutionId, ['SURVEY'], '登记显示证照已齐全', at);
    } else {
      await openCampaignOrder(manager, deps, envelope);
    }
  },

  /** A licence that completes the certificates (a permit from an approved review among them). */
  LicenceRecorded: async (manager, envelope: EventEnvelope<'LicenceRecorded'>) => {
    const { institutionId, certificateStatus, licenceType } = envelope.payload;
    await recordCertificates(manager, envelope.payload);
    if (certificateStatus !== 'COMPLETE') return;
    await rectifyOrders(
      manager,
      envelope,
      institutionId,
      ['SURVEY', 'QUALIFICATION_REVIEW'],
      `证照已齐全（${licenceType}）`,
      new Date(envelope.occurredAt),
    );
  },

  OnlineFilingApproved: async (manager, envelope: EventEnvelope<'OnlineFilingApproved'>) => {
    const { institutionId, filingId } = envelope.payload;
    await rectifyOrders(
      manager,
      envelope,
      institutionId,
      ['ONLINE_SCREENING'],
      `线上培训备案已通过（${filingId}）`,
      new Date(envelope.payload.approvedAt),
    );
  },

  /** Screening problems not yet covered by an open order open one (or join it); once per screening. */
  ScreeningProblemsFound: async (manager, envelope: EventEnvelope<'ScreeningProblemsFound'>) => {
    await knowInstitution(manager, envelope.payload.institutionId, envelope.payload.regionCode);
    await openScreeningOrder(manager, deps, envelope);
  },
});
