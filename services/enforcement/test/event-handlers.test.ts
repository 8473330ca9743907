import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventEnvelope, EventHandler, EventType } from '@jianguan/events';
import { enforcementEventHandlers } from '../src/event-handlers';
import { DeadlineScheduler } from '../src/deadlines/schedule';
import { RectificationOrderEntity } from '../src/entities/rectification-order.entity';
import { CampaignEntity } from '../src/entities/campaign.entity';
import { useEnforcementDatabase } from './support';

const enforcement = useEnforcementDatabase();
let dataSource: DataSource;
let scheduler: DeadlineScheduler;
let handlers: ReturnType<typeof enforcementEventHandlers>;

beforeAll(async () => {
  dataSource = await enforcement.openDataSource(3);
  scheduler = enforcement.startScheduler({ reminderOffsetsMs: [86_400_000] });
  handlers = enforcementEventHandlers({ deadlines: scheduler, defaultDeadlineWorkingDays: 20 });
});

/** Applies an event as the consumer does: in one transaction (the inbox claim is the consumer's job). */
async function apply<T extends EventType>(type: T, payload: EventEnvelope<T>['payload']) {
  const handler = handlers[type] as EventHandler<T>;
  await dataSource.transaction((manager) =>
    handler(manager, {
      id: randomUUID(),
      type,
      producer: 'registry',
      occurredAt: new Date().toISOString(),
      payload,
    }),
  );
}

const ordersOf = (institutionId: string) =>
  dataSource.getRepository(RectificationOrderEntity).find({ where: { institutionId } });

it('opens one order per screening from ScreeningProblemsFound, and OnlineFilingApproved rectifies it', async () => {
  const institutionId = randomUUID();
  const filingId = randomUUID();
  const payload = {
    filingId,
    institutionId,
    regionCode: '630102001001',
    ruleSetVersion: '2021-教监管厅函〔2021〕3号',
    problems: [
      {
        code: 'LESSON_TOO_LONG',
        description: '课时超过 30 分钟',
        field: 'courses.0.lessonMinutes',
        source: 'RULE' as const,
      },
    ],
    screenedAt: new Date().toISOString(),
  };
  await apply('ScreeningProblemsFound', payload);
  await apply('ScreeningProblemsFound', payload);
  const [order, ...more] = await ordersOf(institutionId);
  expect(more).toHaveLength(0);
  expect(order).toMatchObject({ source: 'ONLINE_SCREENING', status: 'OPEN' });
  expect(order.problems).toEqual([
    { code: 'LESSON_TOO_LONG', description: '课时超过 30 分钟', field: 'courses.0.lessonMinutes' },
  ]);
  // The default deadline: 20 working days, ending at 24:00 Shanghai time.
  expect(order.deadline.getUTCHours()).toBe(16);
  expect(await scheduler.queue.getJob(`deadline-${order.id}-${order.deadline.getTime()}`)).toBeDefined();

  await apply('OnlineFilingApproved', {
    filingId,
    institutionId,
    regionCode: '630102001001',
    platformName: '某在线平台',
    icpNumber: '青ICP备12345678号',
    approvedAt: new Date().toISOString(),
  });
  const [rectified] = await ordersOf(institutionId);
  expect(rectified.status).toBe('RECTIFIED');
});

it('opens an order for an incomplete institution in a running campaign, once, with the campaign deadline', async () => {
  const now = Date.now();
  const campaign = await dataSource.getRepository(CampaignEntity).save({
    name: '专项治理',
    regionCode: '630102',
    startsAt: new Date(now - 60_000),
    endsAt: new Date(now + 86_400_000 * 40),
    defaultDeadline: new Date(now + 86_400_000 * 30),
    createdById: 'x',
    createdByName: 'x',
  });
  const institutionId = randomUUID();
  const classified = {
    institutionId,
    regionCode: '630102001001',
    certificateStatus: 'NONE' as const,
    missingLicences: ['SCHOOL_PERMIT'],
    surveyFinding: 'UNLICENSED',
    onNationalPlatform: true,
  };
  await apply('InstitutionClassified', classified);
  await apply('InstitutionClassified', classified);
  const orders = await ordersOf(institutionId);
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({
    source: 'SURVEY',
    campaignId: campaign.id,
    deadline: campaign.defaultDeadline,
  });

  // Outside any campaign region: no order.
  const elsewhere = randomUUID();
  await apply('InstitutionClassified', {
    ...classified,
    institutionId: elsewhere,
    regionCode: '630103001001',
  });
  expect(await ordersOf(elsewhere)).toHaveLength(0);

  await apply('LicenceRecorded', {
    institutionId,
    regionCode: '630102001001',
    licenceId: randomUUID(),
    licenceType: 'SCHOOL_PERMIT',
    certificateStatus: 'COMPLETE',
    missingLicences: [],
  });
  expect((await ordersOf(institutionId))[0].status).toBe('RECTIFIED');
});
