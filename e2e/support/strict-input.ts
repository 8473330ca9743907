import { QINGHAI, tokenFor, validCreditCode } from '@jianguan/testing';
import type { GraphQLResponse } from './federation';
import { REGISTER } from './registry-operations';
import { useFederationStack } from './stack';

/**
 * Strict input (docs/security.md, "Strict input: dates, cursors, text"): what a client may send is
 * checked once for every subgraph, and anything else is BAD_USER_INPUT naming the field in Chinese —
 * never an internal error, and nothing is stored. What the strict-input-*.test.ts files share: the
 * whole federation with its workers (enforcement and online-course-filing learn of institutions from
 * the registry's events), a grid worker's token, and the checks.
 */
export function useStrictInputStack() {
  const { federation, db } = useFederationStack({ workers: true });
  const tokens = { officer: '' };

  beforeAll(async () => {
    tokens.officer = await tokenFor({
      scopes: ['registry:write'],
      regionCode: QINGHAI.chengdong,
      name: '城东区网格员 马',
    });
  });

  async function registered(): Promise<string> {
    const response = await federation.query<{ registerInstitution: { id: string } }>(
      REGISTER,
      {
        input: {
          name: '城东区严格输入培训学校',
          creditCode: validCreditCode(),
          kind: 'OFFLINE',
          category: 'SUBJECT',
          regionCode: QINGHAI.beiguanCommunity,
          address: '西宁市城东区东关大街 9 号',
        },
      },
      tokens.officer,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.registerInstitution.id;
  }

  const count = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0].n as number;

  return { federation, db, tokens, registered, count };
}

/** The refusal a person reads: BAD_USER_INPUT, the field, a Chinese message naming it. */
export function expectRefused(response: GraphQLResponse, field: string) {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(error.message).toContain(field);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
}
