import { Redis } from 'ioredis';
import { publicListVersionKey } from '@jianguan/platform';
import { publicListService } from '@jianguan/public-list';
import { registryService } from '@jianguan/registry';
import { QINGHAI, TEST_REDIS_URL, tokenFor, validCreditCode } from '@jianguan/testing';
import { until } from './support/polling';
import { PUBLIC_LOOKUP } from './support/public-list-operations';
import { REGISTER } from './support/registry-operations';
import { useFederationStack } from './support/stack';

/**
 * The gateway's kept anonymous answers (gateway/src/public-answer-cache.ts, list-version-feed.ts)
 * against a caller who tries to flush them (2 MiB of cache here, 64 MiB in production, and
 * requests padded to 1 MB) and against someone who can write to Redis and forges the lists' version.
 */
const stack = useFederationStack({
  services: [registryService, publicListService],
  workers: true,
  env: { PUBLIC_ANSWER_CACHE_MB: '2' },
});
const { federation } = stack;
let redis: Redis;

beforeAll(async () => {
  redis = stack.stopAtEnd(new Redis(TEST_REDIS_URL), (client) => client.quit());
});

/** An anonymous lookup, with the body as given (the padding is the point). */
const post = (body: string) =>
  fetch(federation.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

const lookup = (query: string) => JSON.stringify({ query: PUBLIC_LOOKUP, variables: { query } });

/** The same lookup padded with whitespace (and ignored extra variables) to just under 1 MiB. */
const padded = (query: string, n: number) =>
  JSON.stringify({
    query: `${' '.repeat(1000 * 1000 - n)}${PUBLIC_LOOKUP.replace(/ /g, '\n  ')}`,
    variables: { query, [`unused${n}`]: n },
  });

describe('kept answers for the public', () => {
  it('are not evicted by requests padded to 1 MB, which find the kept answer instead', async () => {
    await until(
      async () => (await post(lookup('博学'))).headers.get('age'),
      (age) => age !== null,
    );
    const kept = await post(lookup('博学'));
    expect(kept.headers.get('age')).not.toBeNull(); // answered from the kept answers
    const answer = await kept.json();

    for (let n = 0; n < 4; n++) {
      const response = await post(padded('博学', n));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(answer);
      expect(response.headers.get('age')).not.toBeNull();
    }

    const after = await post(lookup('博学'));
    expect(after.headers.get('age')).not.toBeNull();
    expect(await after.json()).toEqual(answer);
  });

  it('answers a lookup padded inside its variable every time, without keeping it', async () => {
    // Each padding would be a new 1 MB entry; the text rule refuses a lookup this long (a refusal is
    // never kept), so a repeat is answered afresh, never from the cache.
    const long = JSON.stringify({ query: PUBLIC_LOOKUP, variables: { query: `博学${' '.repeat(5000)}` } });
    await post(long);
    const again = await post(long);
    expect(again.status).toBe(200);
    const body = (await again.json()) as { data: unknown; errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(again.headers.get('age')).toBeNull();
  });

  it('follow the lists’ version from PostgreSQL, not a version forged in Redis', async () => {
    const name = '城东区求真培训学校';
    await until(
      async () => (await post(lookup('求真'))).headers.get('age'),
      (age) => age !== null,
    );
    // Someone with access to Redis announces a version far ahead of any real one.
    const key = publicListVersionKey(federation.queue.prefix);
    await redis.set(key, '999999999');
    await redis.publish(key, '999999999');

    // A real change: the registry registers an institution, public-list lists it and announces.
    const officer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.province });
    const registered = await federation.query(
      REGISTER,
      {
        input: {
          name,
          creditCode: validCreditCode(),
          kind: 'OFFLINE',
          category: 'SUBJECT',
          regionCode: QINGHAI.chengdong,
          address: '东关大街 9 号',
        },
      },
      officer,
    );
    expect(registered.errors).toBeUndefined();
    // The public finds it within seconds, not after the kept answer's 30 s.
    const found = await until(
      async () =>
        ((await (await post(lookup('求真'))).json()) as { data: { publicLookup: { name: string }[] } }).data,
      (data) => data.publicLookup.length > 0,
      10_000,
    );
    expect(found.publicLookup.map((entry) => entry.name)).toEqual([name]);
  });

  it('do not offer the lists’ version to clients: it is for the gateway only', async () => {
    const response = await post(JSON.stringify({ query: '{ publicListVersion }' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
