/**
 * Issue 18, point 4: a notice names its recipient's role and region, and the recipient — and only
 * the recipient — marks it read. Reminders 2 seconds before a deadlines 5 seconds away.
 */
import { QINGHAI, tokenFor } from '@jianguan/testing';
import { registryService } from '@jianguan/registry';
import { enforcementService } from '@jianguan/enforcement';
import { ok } from './support/federation';
import { until } from './support/polling';
import { registerInstitution } from './support/enforcement-operations';
import { institutionUser, useFederationStack } from './support/stack';

const { federation, db } = useFederationStack({
  services: [registryService, enforcementService],
  workers: true,
  env: { ENFORCEMENT_REMINDER_OFFSETS_SECONDS: '2', OUTBOX_POLL_MS: '200' },
});

type Notice = {
  id: string;
  kind: string;
  recipientRole: string;
  recipientRegionCode: string | null;
  recipientLabel: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
};
const NOTICE_FIELDS =
  'id kind recipientRole recipientRegionCode recipientLabel acknowledgedAt acknowledgedByName';
const ACK = `mutation Ack($id: ID!) { acknowledgeNotification(id: $id) { ${NOTICE_FIELDS} } }`;

it('the institution and the county department each mark their own reminder read, and no one else can', async () => {
  const registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  const officer = await tokenFor({
    scopes: ['enforcement:write'],
    regionCode: QINGHAI.chengdong,
    name: '王执法',
  });
  const otherCounty = await tokenFor({ scopes: ['enforcement:write'], regionCode: QINGHAI.chengzhong });
  const institutionId = await registerInstitution(federation, db, registryOfficer, '城东区通知测试培训学校');
  const { issueRectificationOrder: order } = ok(
    await federation.query<{ issueRectificationOrder: { id: string } }>(
      `mutation Issue($input: IssueRectificationOrderInput!) { issueRectificationOrder(input: $input) { id } }`,
      {
        input: {
          institutionId,
          source: 'INSPECTION',
          problems: [{ code: 'NO_PERMIT', description: '未取得办学许可证' }],
          deadline: new Date(Date.now() + 5000).toISOString(),
        },
      },
      officer,
    ),
  );
  const notices = await until(
    async () =>
      ok(
        await federation.query<{ rectificationOrder: { notifications: Notice[] } }>(
          `query Order($id: ID!) { rectificationOrder(id: $id) { notifications { ${NOTICE_FIELDS} } } }`,
          { id: order.id },
          officer,
        ),
      ).rectificationOrder.notifications.filter((n) => n.kind === 'REMINDER'),
    (found) => found.length === 2,
  );
  const toInstitution = notices.find((n) => n.recipientRole === 'INSTITUTION')!;
  const toDepartment = notices.find((n) => n.recipientRole === 'DEPARTMENT')!;
  expect(toInstitution).toMatchObject({
    recipientRegionCode: null,
    recipientLabel: '培训机构',
    acknowledgedAt: null,
  });
  expect(toDepartment).toMatchObject({
    recipientRegionCode: QINGHAI.chengdong,
    recipientLabel: `教育行政主管部门（${QINGHAI.chengdong}）`,
    acknowledgedAt: null,
  });

  const user = await institutionUser(institutionId);
  expect((await federation.query(ACK, { id: toDepartment.id }, user)).errors?.[0].extensions?.code).toBe(
    'FORBIDDEN',
  );
  expect((await federation.query(ACK, { id: toInstitution.id }, officer)).errors?.[0].extensions?.code).toBe(
    'FORBIDDEN',
  );
  expect(
    (await federation.query(ACK, { id: toDepartment.id }, otherCounty)).errors?.[0].extensions?.code,
  ).toBe('FORBIDDEN');

  const read = ok(
    await federation.query<{ acknowledgeNotification: Notice }>(ACK, { id: toDepartment.id }, officer),
  );
  expect(read.acknowledgeNotification).toMatchObject({ acknowledgedByName: '王执法' });
  expect(read.acknowledgeNotification.acknowledgedAt).not.toBeNull();
  const again = ok(
    await federation.query<{ acknowledgeNotification: Notice }>(ACK, { id: toDepartment.id }, officer),
  );
  expect(again.acknowledgeNotification.acknowledgedAt).toBe(read.acknowledgeNotification.acknowledgedAt);
  const byInstitution = ok(
    await federation.query<{ acknowledgeNotification: Notice }>(ACK, { id: toInstitution.id }, user),
  );
  expect(byInstitution.acknowledgeNotification.acknowledgedAt).not.toBeNull();
});
