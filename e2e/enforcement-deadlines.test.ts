import { QINGHAI, tokenFor } from '@jianguan/testing';
import { sleep, until } from './support/polling';
import {
  CONFIRM,
  EXTEND,
  notificationsOf,
  RECORD_ACTION,
  REFERRALS,
  registerInstitution,
  STATS,
  type OrderShape,
} from './support/enforcement-operations';
import { useDeadlineEngineStack } from './support/enforcement-deadlines-stack';

/** The deadline engine (see support/enforcement-deadlines-stack.ts): reminders, black-listing and escalation in seconds. */
const { federation, db, tokens, issue, orderOf, eventsOf } = useDeadlineEngineStack();

describe('the deadline engine, in seconds', () => {
  it('reminds in order, black-lists at the deadline and climbs county → city → province → referral, each step once', async () => {
    const id = await registerInstitution(federation, db, tokens.registryOfficer, '城东区逾期培训学校');
    const issued = await issue(id, new Date(Date.now() + 6000));
    expect(issued.errors).toBeUndefined();
    const order = issued.data!.issueRectificationOrder;
    const deadline = order.deadline;

    const reminded = await until(
      () => notificationsOf(db, order.id),
      (rows) => rows.length >= 4,
      8000,
    );
    expect(Date.now()).toBeLessThan(Date.parse(deadline));
    const county = `DEPARTMENT:${QINGHAI.chengdong}`;
    const inst = `INSTITUTION:${id}`;
    expect(reminded.map((n) => [n.step, n.recipient])).toEqual([
      [`reminder:4@${deadline}`, county],
      [`reminder:4@${deadline}`, inst],
      [`reminder:2@${deadline}`, county],
      [`reminder:2@${deadline}`, inst],
    ]);

    // The deadline passes: overdue, black-listed, registry bans it and orders all training stopped.
    const banned = await until(
      () => orderOf(order.id),
      (o) => o.status !== 'OPEN' && o.institution.status === 'BANNED',
      10_000,
    );
    expect(banned.institution.status).toBe('BANNED');

    // And anyone, without a token, finds it on the black list.
    const { data: registered } = await federation.query<{ institution: { creditCode: string } }>(
      `query($id: ID!) { institution(id: $id) { creditCode } }`,
      { id },
      tokens.registryOfficer,
    );
    const lookup = () =>
      federation.query<{ publicLookup: { list: string; reasonCode: string }[] }>(
        `query($q: String!) { publicLookup(query: $q) { list reasonCode } }`,
        { q: registered!.institution.creditCode },
      );
    const listed = await until(lookup, (r) => r.data?.publicLookup[0]?.list === 'BLACK', 10_000);
    expect(listed.data!.publicLookup).toEqual([
      expect.objectContaining({ list: 'BLACK', reasonCode: 'RECTIFICATION_DEADLINE_MISSED' }),
    ]);

    const referred = await until(
      () => orderOf(order.id),
      (o) => o.escalationLevel === 'REFERRED',
      15_000,
    );
    expect(referred.status).toBe('ESCALATED');
    expect(referred.escalations).toEqual([
      { level: 'COUNTY', responsibleRegionCode: QINGHAI.chengdong, outcome: 'ESCALATED' },
      { level: 'CITY', responsibleRegionCode: QINGHAI.xining, outcome: 'ESCALATED' },
      { level: 'PROVINCE', responsibleRegionCode: QINGHAI.province, outcome: 'ESCALATED' },
    ]);
    // Let any duplicate delivery arrive before counting.
    await sleep(1500);
    const all = await notificationsOf(db, order.id);
    expect(all.map((n) => [n.kind, n.step, n.recipient])).toEqual([
      ['REMINDER', `reminder:4@${deadline}`, county],
      ['REMINDER', `reminder:4@${deadline}`, inst],
      ['REMINDER', `reminder:2@${deadline}`, county],
      ['REMINDER', `reminder:2@${deadline}`, inst],
      ['DEADLINE_MISSED', `deadline@${deadline}`, county],
      ['DEADLINE_MISSED', `deadline@${deadline}`, inst],
      ['ESCALATION', 'escalation:CITY', `DEPARTMENT:${QINGHAI.xining}`],
      ['ESCALATION', 'escalation:CITY', county],
      ['ESCALATION', 'escalation:PROVINCE', `DEPARTMENT:${QINGHAI.province}`],
      ['ESCALATION', 'escalation:PROVINCE', `DEPARTMENT:${QINGHAI.xining}`],
      ['DISCIPLINE_REFERRAL', 'escalation:REFERRED', `DEPARTMENT:${QINGHAI.province}`],
      ['DISCIPLINE_REFERRAL', 'escalation:REFERRED', `DISCIPLINE_INSPECTION:${QINGHAI.province}`],
    ]);
    expect(await eventsOf(order.id)).toEqual([
      'RectificationOrderIssued',
      'RectificationDeadlineMissed',
      'InstitutionBlacklisted',
    ]);
    expect(((referred.history as { action: string }[]) ?? []).map((h) => h.action)).toEqual([
      'issueRectificationOrder',
      'rectificationDeadlineMissed',
      'escalateToCITY',
      'escalateToPROVINCE',
      'referToDisciplineInspection',
    ]);

    // The referral is visible to discipline inspection, and only to it.
    const referrals = await federation.query<{
      disciplineReferrals: { totalCount: number; edges: { node: Record<string, unknown> }[] };
    }>(REFERRALS, { regionCode: '63' }, tokens.discipline);
    expect(referrals.errors).toBeUndefined();
    expect(referrals.data!.disciplineReferrals.edges.map((e) => e.node)).toContainEqual({
      responsibleRegionCode: QINGHAI.chengdong,
      responsibleUnit: expect.stringContaining(QINGHAI.chengdong),
      officers: ['王执法'],
      order: { id: order.id, status: 'ESCALATED' },
      institution: { id, name: '城东区逾期培训学校' },
    });
    expect((await federation.query(REFERRALS, {}, tokens.officer)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );

    const stats = await federation.query<{ region: { rectificationStats: Record<string, unknown> } }>(
      STATS,
      { code: QINGHAI.xining },
      await tokenFor({ scopes: ['enforcement:read'], regionCode: QINGHAI.xining }),
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data!.region.rectificationStats).toMatchObject({ referred: 1 });
  });

  it('rectified one second before the deadline: no black-listing, no escalation', async () => {
    const id = await registerInstitution(federation, db, tokens.registryOfficer, '城东区按期整改培训学校');
    const order = (await issue(id, new Date(Date.now() + 5000))).data!.issueRectificationOrder;
    await sleep(Date.parse(order.deadline) - Date.now() - 1000);
    const confirmed = await federation.query<{ confirmRectification: OrderShape }>(
      CONFIRM,
      { input: { orderId: order.id, evidence: '复查合格，已取得办学许可证' } },
      tokens.officer,
    );
    expect(confirmed.errors).toBeUndefined();
    expect(Date.now()).toBeLessThan(Date.parse(order.deadline));
    await sleep(Date.parse(order.deadline) - Date.now() + 3500);
    const after = await orderOf(order.id);
    expect(after.status).toBe('RECTIFIED');
    expect(after.escalationLevel).toBeNull();
    expect(after.institution.status).toBe('ACTIVE');
    expect((await notificationsOf(db, order.id)).map((n) => n.kind)).not.toContain('DEADLINE_MISSED');
    expect(await eventsOf(order.id)).toEqual(['RectificationOrderIssued', 'RectificationConfirmed']);
  });

  it('extended before the deadline: the old schedule does nothing, the new one runs', async () => {
    const id = await registerInstitution(federation, db, tokens.registryOfficer, '城东区延期整改培训学校');
    const order = (await issue(id, new Date(Date.now() + 5000))).data!.issueRectificationOrder;
    const oldDeadline = order.deadline;
    const newDeadline = new Date(Date.parse(oldDeadline) + 5000);
    const extended = await federation.query<{ extendRectificationDeadline: OrderShape }>(
      EXTEND,
      { input: { orderId: order.id, reason: '疫情停课，申请延期', deadline: newDeadline.toISOString() } },
      tokens.officer,
    );
    expect(extended.errors).toBeUndefined();
    // The old deadline passes: nothing happens.
    await sleep(Date.parse(oldDeadline) - Date.now() + 1500);
    const meanwhile = await orderOf(order.id);
    expect(meanwhile.status).toBe('OPEN');
    expect(
      (await notificationsOf(db, order.id)).some(
        (n) => n.step.includes(oldDeadline) && n.kind !== 'REMINDER',
      ),
    ).toBe(false);
    // The new one runs: overdue at the new deadline, once.
    const overdue = await until(
      () => orderOf(order.id),
      (o) => o.status === 'OVERDUE',
      8000,
    );
    expect(overdue.status).toBe('OVERDUE');
    expect(Date.now()).toBeGreaterThanOrEqual(newDeadline.getTime());
    const missed = (await notificationsOf(db, order.id)).filter((n) => n.kind === 'DEADLINE_MISSED');
    expect(missed.map((n) => n.step)).toEqual([
      `deadline@${newDeadline.toISOString()}`,
      `deadline@${newDeadline.toISOString()}`,
    ]);
    // An action recorded in time stops the ladder.
    const acted = await federation.query<{ recordEnforcementAction: OrderShape }>(
      RECORD_ACTION,
      { input: { orderId: order.id, description: '已责令停止招生并立案查处' } },
      tokens.officer,
    );
    expect(acted.errors).toBeUndefined();
    expect(acted.data!.recordEnforcementAction.status).toBe('CLOSED');
    await sleep(3000);
    const closed = await orderOf(order.id);
    expect(closed.status).toBe('CLOSED');
    expect(closed.escalations).toEqual([
      { level: 'COUNTY', responsibleRegionCode: QINGHAI.chengdong, outcome: 'ACTION_RECORDED' },
    ]);
  });
});
