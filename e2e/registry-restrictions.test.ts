import { randomUUID } from 'node:crypto';
import { QINGHAI, tokenFor, validCreditCode } from '@jianguan/testing';
import { eventDelivery, useEventQueue } from './support/event-delivery';
import { enforcementMeasures } from './support/enforcement-measures';
import { RECORD_SURVEY, REGISTER } from './support/registry-operations';
import { useFederationStack } from './support/stack';

/**
 * Every measure reaches the registry (docs/design.md §9.2, §9.3): penalties and black-listings hold
 * the status BANNED or SUSPENDED while in force, and it falls back when the last of them ends.
 */
const stack = useFederationStack({ workers: true });
const { federation, db } = stack;
const delivery = eventDelivery(useEventQueue(stack, 'registry'));
let officer: string;

beforeAll(async () => {
  officer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
});

const regionCode = QINGHAI.beiguanCommunity;

async function register() {
  const { data } = await federation.query<{ registerInstitution: { id: string } }>(
    REGISTER,
    {
      input: {
        name: '城东区启航培训学校',
        creditCode: validCreditCode(),
        kind: 'OFFLINE',
        category: 'SUBJECT',
        regionCode,
        address: '北关街 9 号',
      },
    },
    officer,
  );
  return data!.registerInstitution.id;
}

/** The institution as the registry shows it, once every delivered event has been handled. */
async function shown(institutionId: string) {
  await delivery.settled();
  const { data } = await federation.query<{
    institution: { status: string; trainingStopOrderedAt: string | null };
  }>(
    `query($id: ID!) { institution(id: $id) { status trainingStopOrderedAt } }`,
    { id: institutionId },
    officer,
  );
  return data!.institution;
}
const statusOf = async (institutionId: string) => (await shown(institutionId)).status;

const { impose, end, issueOrder, confirmOrder, blacklist, removeFromBlacklist } = enforcementMeasures(
  () => delivery.deliver,
  regionCode,
);

describe('penalties', () => {
  it('bans for a sector ban and records the training stop once, under redelivery too', async () => {
    const institutionId = await register();
    const { penaltyId, decidedAt } = await impose(institutionId, 'SECTOR_BAN');
    expect(await shown(institutionId)).toEqual({ status: 'BANNED', trainingStopOrderedAt: decidedAt });

    // The same event again (a redelivery) and a later ban leave the first stop on record.
    const {
      rows: [event],
    } = await db.query(
      `SELECT actor_id FROM registry.audit_record WHERE entity_id = $1 AND action = 'applyPenalty'`,
      [institutionId],
    );
    const eventId = (event as { actor_id: string }).actor_id.replace('event:', '') as ReturnType<
      typeof randomUUID
    >;
    await delivery.deliver(
      'PenaltyImposed',
      {
        penaltyId,
        institutionId,
        regionCode,
        penaltyType: 'SECTOR_BAN',
        amountFen: null,
        description: '依据《校外培训行政处罚暂行办法》作出处罚',
        decidedAt,
      },
      eventId,
      `${eventId}-redelivered`,
    );
    await delivery.deliver('PenaltyImposed', {
      penaltyId: randomUUID(),
      institutionId,
      regionCode,
      penaltyType: 'STOP_OPERATING',
      amountFen: null,
      description: '责令停止举办',
      decidedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(await shown(institutionId)).toEqual({ status: 'BANNED', trainingStopOrderedAt: decidedAt });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM registry.audit_record WHERE entity_id = $1 AND action = 'applyPenalty'`,
      [institutionId],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it.each(['STOP_OPERATING', 'LICENCE_REVOCATION'] as const)('bans for %s', async (type) => {
    const institutionId = await register();
    await impose(institutionId, type);
    expect(await shown(institutionId)).toEqual({
      status: 'BANNED',
      trainingStopOrderedAt: '2026-11-02T02:00:00.000Z',
    });
  });

  it('suspends a platform until the suspension ends, then shows the open order', async () => {
    const institutionId = await register();
    const { penaltyId } = await impose(institutionId, 'SUSPEND_PLATFORM');
    expect(await shown(institutionId)).toEqual({ status: 'SUSPENDED', trainingStopOrderedAt: null });
    const orderId = randomUUID();
    await issueOrder(institutionId, orderId);
    expect(await statusOf(institutionId)).toBe('SUSPENDED');

    await end(institutionId, 'SUSPEND_PLATFORM', penaltyId);
    expect(await statusOf(institutionId)).toBe('RECTIFYING');
    await confirmOrder(institutionId, orderId, false);
    expect(await statusOf(institutionId)).toBe('ACTIVE');
  });

  it('keeps the status until the last of two measures ends', async () => {
    const institutionId = await register();
    const first = await impose(institutionId, 'SUSPEND_PLATFORM');
    const second = await impose(institutionId, 'STOP_ENROLLING');
    await end(institutionId, 'SUSPEND_PLATFORM', first.penaltyId);
    expect(await statusOf(institutionId)).toBe('SUSPENDED');
    await end(institutionId, 'STOP_ENROLLING', second.penaltyId);
    expect(await statusOf(institutionId)).toBe('ACTIVE');
  });

  it('leaves a measure ended when its end arrives before it', async () => {
    const institutionId = await register();
    const penaltyId = randomUUID();
    await end(institutionId, 'SUSPEND_PLATFORM', penaltyId);
    await impose(institutionId, 'SUSPEND_PLATFORM', penaltyId);
    expect(await statusOf(institutionId)).toBe('ACTIVE');
  });

  it('changes nothing for a warning', async () => {
    const institutionId = await register();
    await impose(institutionId, 'WARNING');
    expect(await shown(institutionId)).toEqual({ status: 'ACTIVE', trainingStopOrderedAt: null });
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM registry.restriction WHERE institution_id = $1) AS restrictions,
              (SELECT count(*)::int FROM registry.audit_record WHERE entity_id = $2 AND actor_id LIKE 'event:%') AS audits`,
      [institutionId, institutionId],
    );
    expect(rows).toEqual([{ restrictions: 0, audits: 0 }]);
  });
});

describe('the black list', () => {
  it('bans for a missed deadline through a late rectification, until the removal', async () => {
    const institutionId = await register();
    const orderId = randomUUID();
    await issueOrder(institutionId, orderId);
    await blacklist(institutionId, orderId);
    expect(await statusOf(institutionId)).toBe('BANNED');

    await confirmOrder(institutionId, orderId, true);
    expect(await statusOf(institutionId)).toBe('BANNED');

    await removeFromBlacklist(institutionId);
    expect(await statusOf(institutionId)).toBe('ACTIVE');
  });

  it('leaves a black-listing lifted when its removal arrives first', async () => {
    const institutionId = await register();
    await removeFromBlacklist(institutionId);
    await blacklist(institutionId, null);
    expect(await statusOf(institutionId)).toBe('ACTIVE');
  });

  it('lifts only the black-listings: a penalty’s ban stays until the penalty ends', async () => {
    const institutionId = await register();
    await blacklist(institutionId, null);
    const { penaltyId } = await impose(institutionId, 'SECTOR_BAN');
    await removeFromBlacklist(institutionId);
    expect(await statusOf(institutionId)).toBe('BANNED');
    await end(institutionId, 'SECTOR_BAN', penaltyId);
    expect(await statusOf(institutionId)).toBe('ACTIVE');
  });
});

it('keeps a survey’s closure under a ban and shows it when the ban ends', async () => {
  const institutionId = await register();
  const { penaltyId } = await impose(institutionId, 'SECTOR_BAN');
  expect(await statusOf(institutionId)).toBe('BANNED');
  const { errors } = await federation.query(
    RECORD_SURVEY,
    {
      input: {
        institutionId,
        surveyedAt: '2026-11-21T10:30:00+08:00',
        gridCode: regionCode,
        finding: 'CLOSED',
        notes: '现场已停止办学',
      },
    },
    officer,
  );
  expect(errors).toBeUndefined();
  expect(await statusOf(institutionId)).toBe('BANNED');
  await end(institutionId, 'SECTOR_BAN', penaltyId);
  expect(await statusOf(institutionId)).toBe('CLOSED');
});

it('counts banned and suspended institutions on the dashboard', async () => {
  const stats = async () => {
    const { data } = await federation.query<{
      region: { institutionStats: { byStatus: { banned: number; suspended: number } } };
    }>(
      `query($code: String!) { region(code: $code) { institutionStats { byStatus { banned suspended } } } }`,
      { code: QINGHAI.chengdong },
      officer,
    );
    return data!.region.institutionStats.byStatus;
  };
  const [banned, suspended] = [await register(), await register()];
  await delivery.settled();
  const before = await stats();
  await impose(banned, 'LICENCE_REVOCATION');
  await impose(suspended, 'STOP_ENROLLING');
  await delivery.settled();
  expect(await stats()).toEqual({ banned: before.banned + 1, suspended: before.suspended + 1 });
});
