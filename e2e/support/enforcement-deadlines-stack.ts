import { registryService } from '@jianguan/registry';
import { enforcementService } from '@jianguan/enforcement';
import { publicListService } from '@jianguan/public-list';
import { QINGHAI } from '@jianguan/testing';
import { ENFORCEMENT_OFFICIALS, ISSUE, ORDER, problems, type OrderShape } from './enforcement-operations';
import { useFederationStack, useOfficials } from './stack';

/**
 * The deadline engine in seconds: reminders 4 s and 2 s before the deadline, each escalation case
 * given 2 s to record an enforcement action. Registry, enforcement and public-list with their workers
 * run behind the gateway on real PostgreSQL and Redis. What the enforcement-deadlines files share:
 * that stack, the officials (Chengdong's and Chengzhong's officers, discipline inspection), and
 * issuing and reading an order and its events.
 */
export function useDeadlineEngineStack() {
  const { federation, db } = useFederationStack({
    services: [registryService, enforcementService, publicListService],
    workers: true,
    env: {
      ENFORCEMENT_REMINDER_OFFSETS_SECONDS: '4,2',
      ENFORCEMENT_ESCALATION_GRACE: '2s',
      OUTBOX_POLL_MS: '200',
    },
  });
  const tokens = useOfficials({
    ...ENFORCEMENT_OFFICIALS,
    otherCounty: ['officer-zhao', '赵执法', ['enforcement:write', 'enforcement:read'], QINGHAI.chengzhong],
    discipline: ['inspector', '纪检', ['discipline:read'], '63'],
  });

  async function issue(institutionId: string, deadline: Date, token = tokens.officer) {
    return federation.query<{ issueRectificationOrder: OrderShape }>(
      ISSUE,
      { input: { institutionId, source: 'SURVEY', problems, deadline: deadline.toISOString() } },
      token,
    );
  }

  const orderOf = async (id: string) =>
    (
      await federation.query<{ rectificationOrder: OrderShape & Record<string, unknown> }>(
        ORDER,
        { id },
        tokens.officer,
      )
    ).data!.rectificationOrder;

  const eventsOf = async (orderId: string) =>
    (
      await db.query(`SELECT type FROM enforcement.outbox WHERE payload->>'orderId' = $1 ORDER BY seq`, [
        orderId,
      ])
    ).rows.map((r: { type: string }) => r.type);

  return { federation, db, tokens, issue, orderOf, eventsOf };
}
