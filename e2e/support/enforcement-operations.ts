import type { Client } from 'pg';
import { QINGHAI } from '@jianguan/testing';
import { gatewayOperations } from '@jianguan/tools';
import type { TestFederation } from './federation';
import { until } from './polling';
import type { OfficialSpec } from './stack';
import { registerInstitution as registerInRegistry } from './registry-operations';

/** GraphQL documents the enforcement tests send through the gateway, as a frontend would. */
export const ORDER_FIELDS = `
  id regionCode source status deadline escalationLevel respondBy rectifiedAt closedAt remindersSent version
  problems { code description field }
  institution { id name status }
`;

export const ISSUE = gatewayOperations.issueOrder(ORDER_FIELDS);

export const CONFIRM = gatewayOperations.confirmRectification(ORDER_FIELDS);

export const EXTEND = `mutation Extend($input: ExtendRectificationDeadlineInput!) {
  extendRectificationDeadline(input: $input) { ${ORDER_FIELDS} }
}`;

export const RECORD_ACTION = `mutation Act($input: RecordEnforcementActionInput!) {
  recordEnforcementAction(input: $input) { ${ORDER_FIELDS} actions { description recordedByName } }
}`;

export const ORDER = `query Order($id: ID!) {
  rectificationOrder(id: $id) {
    ${ORDER_FIELDS}
    escalations { level responsibleRegionCode outcome }
    notifications { kind step recipient }
    history { action from to }
  }
}`;

export const REFERRALS = `query Referrals($regionCode: String) {
  disciplineReferrals(regionCode: $regionCode) {
    totalCount
    edges { node { responsibleRegionCode responsibleUnit officers order { id status } institution { id name } } }
  }
}`;

export const STATS = `query Stats($code: String!) {
  region(code: $code) {
    code
    rectificationStats { open rectified overdue referred closed escalatedByLevel { county city province } }
  }
}`;

export const REGISTER = `mutation Register($input: RegisterInstitutionInput!) {
  registerInstitution(input: $input) { id }
}`;

export const problems = [{ code: 'NO_PERMIT', description: '未取得办学许可证', field: null }];

export interface OrderShape {
  id: string;
  status: string;
  deadline: string;
  escalationLevel: string | null;
  remindersSent: number;
  institution: { id: string; name: string; status: string };
}

/** Registers an institution in the registry and waits until enforcement has learnt of it. */
export async function registerInstitution(
  federation: TestFederation,
  db: Client,
  registryToken: string,
  name: string,
  regionCode: string = QINGHAI.beiguanCommunity,
): Promise<string> {
  const institution = { name, regionCode, address: '北关街 8 号' };
  const { id } = await registerInRegistry(federation, registryToken, institution);
  const known = await until(
    async () => (await db.query(`SELECT id FROM enforcement.known_institution WHERE id = $1`, [id])).rowCount,
    (count) => count === 1,
  );
  if (known !== 1) throw new Error('enforcement never learnt of the institution');
  return id;
}

export const notificationsOf = async (db: Client, orderId: string) =>
  (
    await db.query(
      `SELECT kind, step, recipient FROM enforcement.notification WHERE order_id = $1
        ORDER BY min(sent_at) OVER (PARTITION BY step), recipient`,
      [orderId],
    )
  ).rows as { kind: string; step: string; recipient: string }[];

const ENFORCER_SCOPES = ['enforcement:write', 'enforcement:read'];

/** The officials the enforcement tests act as (see useOfficials). */
export const ENFORCEMENT_OFFICIALS = {
  /** A grid worker of Chengdong, who registers institutions. */
  registryOfficer: { scopes: ['registry:write'], regionCode: QINGHAI.chengdong },
  /** Chengdong's enforcement officer, who issues and follows the orders. */
  officer: ['officer-wang', '王执法', ENFORCER_SCOPES, QINGHAI.chengdong],
} satisfies Record<string, OfficialSpec>;
