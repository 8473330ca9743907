import { randomUUID } from 'node:crypto';
import { QINGHAI, tokenFor } from '@jianguan/testing';
import { registryService } from '@jianguan/registry';
import { enforcementService } from '@jianguan/enforcement';
import { type GraphQLResponse } from './support/federation';
import { RECORD_LICENCE } from './support/registry-operations';
import { ISSUE } from './support/enforcement-operations';
import { useFederationStack } from './support/stack';

/**
 * A subgraph refuses bad input before any resolver runs (a variable its scalar rejects) with HTTP
 * 400 and a GraphQL error. The client must read that refusal — its code and message — through
 * the gateway, never "Internal server error" (issue 19, point 1; docs/security.md "Refusals that
 * reach the user").
 */
const { federation } = useFederationStack({ services: [registryService, enforcementService] });
let officer: string;

beforeAll(async () => {
  officer = await tokenFor({
    scopes: ['registry:write', 'enforcement:write'],
    regionCode: QINGHAI.chengdong,
    name: '城东区教育局 王科长',
  });
});

/** The one refusal of an answer, after checking that nothing was done and nothing was masked. */
function refusal(answer: GraphQLResponse) {
  expect(JSON.stringify(answer)).not.toContain('INTERNAL_SERVER_ERROR');
  expect(answer.data ?? null).toBeNull();
  expect(answer.errors).toHaveLength(1);
  return answer.errors![0];
}

const licence = (issuedOn: unknown) =>
  federation.query(
    RECORD_LICENCE,
    {
      input: {
        institutionId: randomUUID(),
        type: 'BUSINESS_LICENCE',
        number: '91630102MA7XYZ',
        issuedBy: '西宁市城东区市场监督管理局',
        issuedOn,
      },
    },
    officer,
  );

const order = (deadline: unknown) =>
  federation.query(
    ISSUE,
    {
      input: {
        institutionId: randomUUID(),
        source: 'INSPECTION',
        problems: [{ code: 'NO_SCHOOL_PERMIT', description: '未取得办学许可证' }],
        deadline,
      },
    },
    officer,
  );

describe('a date the subgraph refuses reaches the client as BAD_USER_INPUT', () => {
  it.each(['2026-13-01', '2026-1-1', '2026-02-30'])('recordLicence issuedOn %s', async (issuedOn) => {
    const error = refusal(await licence(issuedOn));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuedOn' });
    // The message names the field and says, in Chinese, what a valid date looks like.
    expect(error.message).toContain('issuedOn');
    expect(error.message).toMatch(/日期/);
  });

  it.each(['2027-01-10T10:00:00', '2027-01-10T10:00:00+0800', '2027-01-10 10:00 Asia/Shanghai', 1799546400])(
    'issueRectificationOrder deadline %s',
    async (deadline) => {
      const error = refusal(await order(deadline));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(error.message).toContain('deadline');
    },
  );

  it('keeps the refusal of a date written into the query itself', async () => {
    const answer = await federation.query(
      `mutation {
        recordLicence(input: { institutionId: "${randomUUID()}", type: BUSINESS_LICENCE,
          number: "91630102MA7XYZ", issuedBy: "西宁市城东区市场监督管理局", issuedOn: "2026-13-01" }) { id }
      }`,
      {},
      officer,
    );
    const error = refusal(answer);
    // Refused like a variable: by the strict-input check, naming the field.
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuedOn' });
    expect(error.message).toMatch(/日期/);
  });
});
