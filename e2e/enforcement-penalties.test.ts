import { QINGHAI, validCreditCode } from '@jianguan/testing';
import { until } from './support/polling';
import { REGISTER, registerInstitution } from './support/enforcement-operations';
import { INSTITUTION_ORDERS, useEnforcementOrdersStack } from './support/enforcement-orders-stack';

/**
 * Penalties with the online card ladder, and typical cases — registry and enforcement with their
 * workers behind the gateway.
 */
const { federation, db, tokens, outboxTypes } = useEnforcementOrdersStack();

const IMPOSE = `mutation Impose($input: ImposePenaltyInput!) {
  imposePenalty(input: $input) { id type amountFen description legalBasis }
}`;
const CARD = `mutation Card($input: IssuePatrolCardInput!) {
  issuePatrolCard(input: $input) { card reason penalty { type } }
}`;
const PUBLISH = `mutation Publish($input: PublishTypicalCaseInput!) {
  publishTypicalCase(input: $input) { id title regionCode institution { id name } }
}`;

it('imposes penalties in fen, runs the online card ladder and publishes a typical case', async () => {
  const offline = await registerInstitution(federation, db, tokens.registryOfficer, '城东区违规收费培训学校');
  const fine = await federation.query<{ imposePenalty: { amountFen: string } }>(
    IMPOSE,
    {
      input: {
        institutionId: offline,
        type: 'FINE',
        amountFen: 5_000_000_00,
        description: '超期预收费',
        legalBasis: '《校外培训行政处罚暂行办法》第十七条',
      },
    },
    tokens.officer,
  );
  expect(fine.errors).toBeUndefined();
  expect(fine.data!.imposePenalty.amountFen).toBe('500000000');
  const warningWithAmount = await federation.query(
    IMPOSE,
    {
      input: {
        institutionId: offline,
        type: 'WARNING',
        amountFen: 100,
        description: '警告',
        legalBasis: '第十七条',
      },
    },
    tokens.officer,
  );
  expect(warningWithAmount.errors?.[0].extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'amountFen',
  });
  const platformOffline = await federation.query(
    IMPOSE,
    {
      input: {
        institutionId: offline,
        type: 'SUSPEND_PLATFORM',
        description: '暂停平台',
        legalBasis: '第十七条',
        // A suspension needs its term (otherwise BAD_USER_INPUT on endsAt before the kind is checked).
        endsAt: '2027-06-30T00:00:00+08:00',
      },
    },
    tokens.officer,
  );
  expect(platformOffline.errors?.[0].extensions?.code).toBe('CONFLICT');
  expect(
    (
      await federation.query(
        IMPOSE,
        { input: { institutionId: offline, type: 'WARNING', description: '警告', legalBasis: '第十七条' } },
        tokens.otherCounty,
      )
    ).errors?.[0].extensions?.code,
  ).toBe('FORBIDDEN');
  const penalties = await federation.query<{ institution: { penalties: { type: string }[] } }>(
    INSTITUTION_ORDERS,
    { id: offline },
    tokens.officer,
  );
  expect(penalties.data!.institution.penalties).toEqual([
    { type: 'FINE', amountFen: '500000000', legalBasis: '《校外培训行政处罚暂行办法》第十七条', order: null },
  ]);

  const registered = await federation.query<{ registerInstitution: { id: string } }>(
    REGISTER,
    {
      input: {
        name: '某在线学科培训平台',
        creditCode: validCreditCode(QINGHAI.chengdong),
        kind: 'ONLINE',
        category: 'SUBJECT',
        regionCode: QINGHAI.chengdong,
        address: '城东区互联网产业园',
        onNationalPlatform: true,
      },
    },
    tokens.registryOfficer,
  );
  const online = registered.data!.registerInstitution.id;
  await until(
    async () =>
      (await db.query(`SELECT kind FROM enforcement.known_institution WHERE id = $1`, [online])).rows[0]
        ?.kind,
    (kind) => kind === 'ONLINE',
  );
  const card = (kind: string, reason: string) =>
    federation.query<{ issuePatrolCard: { card: string; penalty: { type: string } | null }[] }>(
      CARD,
      { input: { institutionId: online, card: kind, reason } },
      tokens.officer,
    );
  expect((await card('REMINDER', '课程时长超标')).data!.issuePatrolCard.map((c) => c.card)).toEqual([
    'REMINDER',
  ]);
  expect((await card('YELLOW', '21:00 后仍在授课')).data!.issuePatrolCard.map((c) => c.card)).toEqual([
    'YELLOW',
  ]);
  const second = await card('YELLOW', '再次 21:00 后授课');
  expect(second.data!.issuePatrolCard).toEqual([
    expect.objectContaining({ card: 'YELLOW', penalty: null }),
    expect.objectContaining({ card: 'RED', penalty: { type: 'SUSPEND_PLATFORM' } }),
  ]);

  const published = await federation.query<{ publishTypicalCase: { institution: { name: string } } }>(
    PUBLISH,
    {
      input: {
        institutionId: offline,
        title: '城东区某培训学校超期收费被罚',
        summary: '预收费超过三个月，依法罚款',
      },
    },
    tokens.officer,
  );
  expect(published.errors).toBeUndefined();
  expect(published.data!.publishTypicalCase.institution.name).toBe('城东区违规收费培训学校');
  const types = await outboxTypes();
  expect(types.filter((t) => t === 'PenaltyImposed')).toHaveLength(2);
  expect(types).toContain('TypicalCasePublished');
});
