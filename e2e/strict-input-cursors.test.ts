import { QINGHAI, tokenFor } from '@jianguan/testing';
import { expectRefused, useStrictInputStack } from './support/strict-input';

/** Strict input (docs/security.md, see support/strict-input.ts): pagination cursors. */
const { federation, registered } = useStrictInputStack();

describe('a pagination cursor that is not one the list gave out', () => {
  const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
  // Two strings where an instant and an id belong, as in the issue: WyJ4IiwieSJd.
  const wrongTypes = cursor(['x', 'y']);

  it.each([
    [
      'typical cases, anonymously',
      `query($after: String) { typicalCases(after: $after) { totalCount } }`,
      wrongTypes,
    ],
    [
      'typical cases with a real instant but no id',
      `query($after: String) { typicalCases(after: $after) { totalCount } }`,
      cursor(['2026-11-21T00:00:00.000Z', 'nope']),
    ],
    [
      'the public list with a control character',
      `query($after: String) { publicList(list: WHITE, after: $after) { totalCount } }`,
      cursor(['\u0000', 'x']),
    ],
    [
      'the public list with a number where text belongs',
      `query($after: String) { publicList(list: BLACK, after: $after) { totalCount } }`,
      cursor([1, 2]),
    ],
    ['not base64 JSON at all', `query($after: String) { typicalCases(after: $after) { totalCount } }`, '%%%'],
  ])('is BAD_USER_INPUT on %s', async (_what, query, after) => {
    const response = await federation.query(query, { after });
    expectRefused(response, 'after');
  });

  it.each([
    [
      'registry institutions',
      ['registry:read'],
      `query($after: String) { institutions(after: $after) { totalCount } }`,
      cursor(['启航', 'not-a-uuid']),
    ],
    [
      'the review queue',
      ['review:read'],
      `query($after: String) { reviewQueue(after: $after) { totalCount } }`,
      wrongTypes,
    ],
    [
      'rectification orders',
      ['enforcement:read'],
      `query($after: String) { rectificationOrders(after: $after) { totalCount } }`,
      cursor(['2027-02-31T00:00:00Z', '00000000-0000-0000-0000-000000000000']),
    ],
    [
      'discipline referrals',
      ['discipline:read'],
      `query($after: String) { disciplineReferrals(after: $after) { totalCount } }`,
      wrongTypes,
    ],
  ])('is BAD_USER_INPUT on %s', async (_what, scopes, query, after) => {
    const token = await tokenFor({ scopes, regionCode: QINGHAI.chengdong });
    const response = await federation.query(query, { after }, token);
    expectRefused(response, 'after');
  });

  it('still pages with the cursors the list gave out', async () => {
    await registered();
    await registered();
    const token = await tokenFor({ scopes: ['registry:read'], regionCode: QINGHAI.chengdong });
    const page = `query($after: String) { institutions(first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    type Page = {
      institutions: {
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string } }[];
      };
    };
    const first = await federation.query<Page>(page, {}, token);
    expect(first.data!.institutions.pageInfo.hasNextPage).toBe(true);
    const second = await federation.query<Page>(
      page,
      { after: first.data!.institutions.pageInfo.endCursor },
      token,
    );
    expect(second.errors).toBeUndefined();
    expect(second.data!.institutions.edges[0].node.id).not.toBe(first.data!.institutions.edges[0].node.id);
  });
});
