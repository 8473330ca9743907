import { randomUUID } from 'node:crypto';
import { QINGHAI, tokenFor, validCreditCode } from '@jianguan/testing';
import { until } from './support/polling';
import { eventDelivery, useEventQueue } from './support/event-delivery';
import { INSTITUTION, JOIN_PLATFORM, RECORD_LICENCE, REGISTER } from './support/registry-operations';
import { useFederationStack } from './support/stack';

const stack = useFederationStack({ workers: true });
const { federation, db } = stack;
const queue = useEventQueue(stack, 'registry');
const { deliver } = eventDelivery(queue);
let officer: string;

beforeAll(async () => {
  officer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
});

async function registerWithAllButPermit() {
  const { data } = await federation.query<{ registerInstitution: { id: string } }>(
    REGISTER,
    {
      input: {
        name: '城东区博学培训学校',
        creditCode: validCreditCode(),
        kind: 'OFFLINE',
        category: 'SUBJECT',
        regionCode: QINGHAI.beiguanCommunity,
        address: '北关街 5 号',
      },
    },
    officer,
  );
  const id = data!.registerInstitution.id;
  for (const type of ['BUSINESS_LICENCE', 'FIRE_SAFETY_CLEARANCE']) {
    await federation.query(
      RECORD_LICENCE,
      {
        input: {
          institutionId: id,
          type,
          number: `${type}-${id}`,
          issuedBy: '西宁市',
          issuedOn: '2025-01-01',
        },
      },
      officer,
    );
  }
  await federation.query(JOIN_PLATFORM, { id }, officer);
  return id;
}

type Read = { institution: { certificateStatus: string; status: string; licences: { type: string }[] } };

describe('the registry worker applies other departments’ decisions', () => {
  it('records the permit of an approved qualification once, even when the event is delivered twice', async () => {
    const institutionId = await registerWithAllButPermit();
    const payload = {
      applicationId: randomUUID(),
      institutionId,
      regionCode: QINGHAI.beiguanCommunity,
      track: 'ACCELERATED' as const,
      permitId: randomUUID(),
      permitNumber: '教民163010270000123号',
      decidedAt: new Date().toISOString(),
    };
    const eventId = await deliver('QualificationApproved', payload);
    await deliver('QualificationApproved', payload, eventId, `${eventId}-redelivered`);

    const read = () => federation.query<Read>(INSTITUTION, { id: institutionId }, officer);
    const result = await until(read, (r) => r.data?.institution.certificateStatus === 'COMPLETE');
    expect(result.data!.institution.certificateStatus).toBe('COMPLETE');
    // Let the redelivered job run too before counting.
    await until(
      () => queue.getJobCounts('completed'),
      (counts) => counts.completed >= 2,
    );
    const { rows } = await db.query(
      `SELECT number FROM registry.licence WHERE institution_id = $1 AND type = 'SCHOOL_PERMIT'`,
      [institutionId],
    );
    expect(rows).toEqual([{ number: '教民163010270000123号' }]);
    const { rows: audits } = await db.query(
      `SELECT actor_name FROM registry.audit_record WHERE entity_id = $1 AND actor_id = $2`,
      [institutionId, `event:${eventId}`],
    );
    expect(audits).toEqual([{ actor_name: 'qualification-review (event)' }]);
  });

  it('bans a black-listed institution and records that training is ordered to stop', async () => {
    const institutionId = await registerWithAllButPermit();
    const blacklistedAt = '2026-12-30T16:00:00.000Z';
    await deliver('InstitutionBlacklisted', {
      institutionId,
      regionCode: QINGHAI.beiguanCommunity,
      reason: 'RECTIFICATION_DEADLINE_MISSED',
      orderId: randomUUID(),
      trainingStopOrdered: true,
      blacklistedAt,
    });
    const read = () =>
      federation.query<{ institution: { status: string; trainingStopOrderedAt: string | null } }>(
        `query($id: ID!) { institution(id: $id) { status trainingStopOrderedAt } }`,
        { id: institutionId },
        officer,
      );
    const result = await until(read, (r) => r.data?.institution.status === 'BANNED');
    expect(result.data!.institution).toEqual({ status: 'BANNED', trainingStopOrderedAt: blacklistedAt });
  });

  it('shows RECTIFYING while any order is open, ACTIVE when the last is confirmed, whatever the delivery order', async () => {
    const institutionId = await registerWithAllButPermit();
    const regionCode = QINGHAI.beiguanCommunity;
    const [first, second, late] = [randomUUID(), randomUUID(), randomUUID()];
    const issued = (orderId: string) => ({
      orderId,
      institutionId,
      regionCode,
      problems: [{ code: 'NO_PERMIT', description: '未取得办学许可证', field: null }],
      deadline: '2026-12-30T16:00:00.000Z',
      issuedAt: new Date().toISOString(),
    });
    const confirmed = (orderId: string) => ({
      orderId,
      institutionId,
      regionCode,
      confirmedAt: new Date().toISOString(),
    });
    const status = async () =>
      (
        await federation.query<{ institution: { status: string } }>(
          `query($id: ID!) { institution(id: $id) { status } }`,
          { id: institutionId },
          officer,
        )
      ).data?.institution.status;
    const completed = async (count: number) =>
      until(
        () => queue.getJobCounts('completed'),
        (counts) => counts.completed >= count,
      );
    const { completed: before } = await queue.getJobCounts('completed');

    await deliver('RectificationOrderIssued', issued(first));
    await deliver('RectificationOrderIssued', issued(second));
    expect(await until(status, (s) => s === 'RECTIFYING')).toBe('RECTIFYING');

    await deliver('RectificationConfirmed', confirmed(first));
    await completed(before + 3);
    expect(await status()).toBe('RECTIFYING');

    // A confirmation that overtakes its own "issued" event leaves the order closed.
    await deliver('RectificationConfirmed', confirmed(late));
    // Handled before its "issued" arrives: consumers run jobs side by side, so delivering first is not
    // enough on a loaded machine (the issued event could then be handled first and reopen the status).
    await completed(before + 4);
    await deliver('RectificationOrderIssued', issued(late));
    await deliver('RectificationConfirmed', confirmed(second));
    await completed(before + 6);
    expect(await status()).toBe('ACTIVE');
    const { rows } = await db.query(
      `SELECT action FROM registry.audit_record WHERE entity_id = $1 AND action LIKE '%Rectifying' ORDER BY at`,
      [institutionId],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['startRectifying', 'endRectifying']);
  });
});
