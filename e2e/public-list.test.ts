import { randomUUID } from 'node:crypto';
import { QINGHAI, TEST_SUBGRAPH_SECRET, tokenFor } from '@jianguan/testing';
import { at, envelope } from '@jianguan/testing';
import { until } from './support/polling';
import {
  INSTITUTION_LISTING,
  OPEN_DATA,
  PUBLIC_LIST,
  PUBLIC_LOOKUP,
  REGION_LIST_STATS,
  TYPICAL_CASES,
} from './support/public-list-operations';
import { usePublicListStack, type Entry } from './support/public-list-stack';

/** Public lists through the gateway: a parent's lookups, the cache, officials' views, open data. */
const { federation, db, tokens, deliver, consumed, announced, rawLookup, lookup, registerAndTell } =
  usePublicListStack();

describe('public lists through the gateway', () => {
  let story: Awaited<ReturnType<typeof registerAndTell>>;

  beforeAll(async () => {
    story = await registerAndTell('城东区博学培训学校');
    // Up to WHITE: classification, approval and the completing licence.
    const white = story.story.slice(0, 3);
    for (const e of white) await deliver(e);
    for (const e of white) await consumed(e.id);
    // The registration comes from the registry's own relay.
    await until(
      () => lookup(story.creditCode),
      (r) => r.data?.publicLookup.length === 1,
    );
  });

  it('lets a parent without a token find the institution by credit code, 2-character fragment and pinyin', async () => {
    const byCode = await lookup(story.creditCode);
    expect(byCode.errors).toBeUndefined();
    expect(byCode.data!.publicLookup).toEqual([
      expect.objectContaining({
        name: '城东区博学培训学校',
        creditCode: story.creditCode,
        list: 'WHITE',
        reasonCode: 'CERTIFICATES_COMPLETE',
        regionName: expect.stringMatching(/^青海省西宁市城东区/),
      }),
    ]);
    for (const query of ['培训', '博学', '城东', 'cdqbxpxxx', 'cdqbx', 'chengdongqu']) {
      const result = await lookup(query);
      expect({ query, names: result.data?.publicLookup.map((e) => e.name) }).toEqual({
        query,
        names: ['城东区博学培训学校'],
      });
    }
    // Nothing personal or internal is even in the schema of a public entry.
    const probe = await federation.query(`{ publicLookup(query: "培训") { id address } }`);
    expect(probe.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // …and the officials' view needs a token.
    const anonymous = await federation.query(INSTITUTION_LISTING, { id: story.institutionId });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses the same request with 10,000 aliases or 50 levels of depth', async () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `a${i}: publicLookup(query: "培训") { name }`);
    const bomb = await federation.query(`{ ${aliases.join(' ')} }`);
    expect(bomb.status).toBe(400);
    expect(bomb.data).toBeUndefined();
    const fewer = Array.from({ length: 31 }, (_, i) => `a${i}: publicLookup(query: "培训") { name }`);
    const aliasRefused = await federation.query(`{ ${fewer.join(' ')} }`);
    expect(aliasRefused.status).toBe(400);
    expect(aliasRefused.errors?.[0].message).toMatch(/alias/i);

    const deep = `{ typicalCases { edges { node { institution { ${'name { '.repeat(46)}x${' }'.repeat(46)} } } } } }`;
    const depth = await federation.query(deep);
    expect(depth.status).toBe(400);
    expect(depth.data).toBeUndefined();
    expect(depth.errors?.map((e) => e.message).join(' ')).toMatch(/depth/i);
  });

  it('answers with cache hints, and the next lookup after a black-listing shows BLACK', async () => {
    const response = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PUBLIC_LOOKUP, variables: { query: '博学' } }),
    });
    const subgraph = await fetch(federation.subgraphUrls['public-list'], {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-subgraph-secret': TEST_SUBGRAPH_SECRET },
      body: JSON.stringify({ query: PUBLIC_LOOKUP, variables: { query: '博学' } }),
    });
    expect(subgraph.headers.get('cache-control')).toBe('max-age=30, public');
    expect(response.headers.get('cache-control')).toBe('max-age=30, public');

    // Warm every cache with the WHITE answer: the gateway then answers the public from its own.
    await announced();
    expect((await lookup('博学')).data!.publicLookup[0].list).toBe('WHITE');
    const again = await rawLookup('博学');
    expect(again.headers.get('age')).not.toBeNull();
    expect(again.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await again.json()) as { data: { publicLookup: Entry[] } }).data.publicLookup[0].list).toBe(
      'WHITE',
    );
    // An answer carrying an error is never kept: the same request again is answered afresh.
    await rawLookup('');
    const refused = await rawLookup('');
    expect(refused.headers.get('age')).toBeNull();
    expect(((await refused.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    // Signed-in callers are never answered from it.
    const signedIn = await tokenFor({ scopes: [], regionCode: QINGHAI.province });
    await rawLookup('博学', signedIn);
    expect((await rawLookup('博学', signedIn)).headers.get('age')).toBeNull();

    // Order rectification, miss the deadline, black-list: each change shows at once, not after max-age.
    const [order, missed, blacklisted, confirmed, removed] = story.story.slice(3);
    await deliver(order);
    await consumed(order.id);
    await announced();
    expect((await lookup('博学')).data!.publicLookup[0]).toMatchObject({ list: 'GREY' });
    await deliver(missed);
    await deliver(blacklisted);
    await consumed(missed.id);
    await consumed(blacklisted.id);
    await announced();
    expect((await lookup('博学')).data!.publicLookup[0]).toMatchObject({
      list: 'BLACK',
      reasonCode: 'RECTIFICATION_DEADLINE_MISSED',
    });
    expect((await lookup(story.creditCode)).data!.publicLookup[0].list).toBe('BLACK');
    const blackList = await federation.query<{ publicList: { edges: { node: Entry }[] } }>(PUBLIC_LIST, {
      list: 'BLACK',
      regionCode: '63',
    });
    expect(blackList.data!.publicList.edges.map((e) => e.node.creditCode)).toEqual([story.creditCode]);

    // Fixed late: still black, until the decision to remove it.
    await deliver(confirmed);
    await consumed(confirmed.id);
    await announced();
    expect((await lookup('博学')).data!.publicLookup[0]).toMatchObject({
      list: 'BLACK',
      reasonCode: 'RECTIFICATION_DEADLINE_MISSED',
    });
    await deliver(removed);
    await consumed(removed.id);
    await announced();
    expect((await lookup('博学')).data!.publicLookup[0]).toMatchObject({
      list: 'WHITE',
      reasonCode: 'CERTIFICATES_COMPLETE',
    });
  });

  it('shows officials the listing with its history, and list statistics per region', async () => {
    const result = await federation.query<{
      institution: {
        listing: { list: string; history: { from: string | null; to: string; causedBy: string }[] };
      };
    }>(INSTITUTION_LISTING, { id: story.institutionId }, tokens.officer);
    expect(result.errors).toBeUndefined();
    expect(result.data!.institution.listing.list).toBe('WHITE');
    expect(result.data!.institution.listing.history.map((h) => [h.from, h.to, h.causedBy])).toEqual([
      [null, 'GREY', 'InstitutionClassified'],
      ['GREY', 'WHITE', 'LicenceRecorded'],
      ['WHITE', 'GREY', 'RectificationOrderIssued'],
      ['GREY', 'BLACK', 'RectificationDeadlineMissed'],
      ['BLACK', 'WHITE', 'InstitutionRemovedFromBlacklist'],
    ]);
    const stats = await federation.query<{
      region: { listStats: { white: number; grey: number; black: number } };
    }>(REGION_LIST_STATS, { code: QINGHAI.xining }, tokens.officer);
    expect(stats.errors).toBeUndefined();
    expect(stats.data!.region.listStats).toMatchObject({ white: 1, grey: 0, black: 0 });
    const outside = await federation.query(
      REGION_LIST_STATS,
      { code: '11' },
      await tokenFor({ scopes: [], regionCode: QINGHAI.chengdong }),
    );
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('publishes typical cases and the open-data export without a token', async () => {
    const revoked = await registerAndTell('西宁启航文化艺术培训中心', QINGHAI.chengzhong);
    // Registered but on no list yet: found, with why it is not listed.
    await until(
      async () =>
        (
          await db.query(`SELECT name FROM public_list.listing WHERE institution_id = $1`, [
            revoked.institutionId,
          ])
        ).rows[0]?.name,
      (name) => name === '西宁启航文化艺术培训中心',
    );
    expect((await lookup(revoked.creditCode)).data!.publicLookup).toEqual([
      expect.objectContaining({
        creditCode: revoked.creditCode,
        list: null,
        listLabel: '未列入名单',
        reasonCode: 'PENDING_VERIFICATION',
        reason: '已登记，证照尚在核验，暂未列入名单',
      }),
    ]);
    const penalty = envelope('PenaltyImposed', {
      penaltyId: randomUUID(),
      institutionId: revoked.institutionId,
      regionCode: QINGHAI.chengzhong,
      penaltyType: 'LICENCE_REVOCATION',
      amountFen: null,
      description: '超范围培训，情节严重',
      decidedAt: at('2026-08-01'),
    });
    const typicalCase = envelope('TypicalCasePublished', {
      caseId: randomUUID(),
      institutionId: revoked.institutionId,
      regionCode: QINGHAI.chengzhong,
      title: '西宁某培训中心超范围培训被吊销办学许可证',
      summary: '该中心超范围开展学科类培训，经责令整改拒不改正，依法吊销办学许可证。',
      publishedAt: at('2026-08-02'),
    });
    await deliver(penalty);
    await deliver(typicalCase);
    await consumed(penalty.id);
    await consumed(typicalCase.id);

    const cases = await federation.query<{
      typicalCases: { edges: { node: { title: string; institution: Entry | null } }[] };
    }>(TYPICAL_CASES, { regionCode: '63' });
    expect(cases.errors).toBeUndefined();
    expect(cases.data!.typicalCases.edges).toEqual([
      {
        node: expect.objectContaining({
          title: typicalCase.payload.title,
          regionName: '青海省西宁市城中区',
          institution: { name: '西宁启航文化艺术培训中心', creditCode: revoked.creditCode, list: 'BLACK' },
        }),
      },
    ]);

    const csv = await federation.query<{
      openDataExport: { content: string; count: number; lastChangedAt: string };
    }>(OPEN_DATA, { regionCode: '63', format: 'CSV' });
    expect(csv.errors).toBeUndefined();
    // The white story and the revoked institution (grey ones are not exported: read-model.test.ts).
    expect(csv.data!.openDataExport.count).toBe(2);
    expect(csv.data!.openDataExport.content).toContain(
      `BLACK,西宁启航文化艺术培训中心,${revoked.creditCode}`,
    );
    expect(csv.data!.openDataExport.lastChangedAt).toBe(at('2026-08-10'));
    const json = await federation.query<{ openDataExport: { content: string } }>(OPEN_DATA, {
      regionCode: '63',
      format: 'JSON',
    });
    expect(JSON.parse(json.data!.openDataExport.content).entries).toEqual([
      expect.objectContaining({ list: 'WHITE', creditCode: story.creditCode, reason: '证照齐全' }),
      expect.objectContaining({
        list: 'BLACK',
        creditCode: revoked.creditCode,
        reason: '吊销办学许可证，列入黑名单',
      }),
    ]);
  });
});
