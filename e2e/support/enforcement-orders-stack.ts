import { registryService } from '@jianguan/registry';
import { enforcementService } from '@jianguan/enforcement';
import { QINGHAI } from '@jianguan/testing';
import { ENFORCEMENT_OFFICIALS } from './enforcement-operations';
import { useFederationStack, useOfficials } from './stack';

/** An institution's orders and penalties, as the enforcement officer reads them. */
export const INSTITUTION_ORDERS = `query Inst($id: ID!) {
  institution(id: $id) {
    id name
    rectificationOrders { id source status deadline problems { code } }
    penalties { type amountFen legalBasis order { id } }
  }
}`;

/**
 * What the enforcement-orders and enforcement-penalties files share: registry and enforcement with
 * their workers behind the gateway (a yellow card counts for an hour), Chengdong's officials and one of
 * Chengzhong, and the types of the events enforcement has written, in order.
 */
export function useEnforcementOrdersStack() {
  const { federation, db } = useFederationStack({
    services: [registryService, enforcementService],
    workers: true,
    env: { OUTBOX_POLL_MS: '200', ENFORCEMENT_YELLOW_CARD_WINDOW_SECONDS: '3600' },
  });
  const tokens = useOfficials({
    ...ENFORCEMENT_OFFICIALS,
    otherCounty: { scopes: ['enforcement:write'], regionCode: QINGHAI.chengzhong },
  });
  const outboxTypes = async () =>
    (await db.query(`SELECT type FROM enforcement.outbox ORDER BY seq`)).rows.map(
      (r: { type: string }) => r.type,
    );
  return { federation, db, tokens, outboxTypes };
}
