import { Redis } from 'ioredis';
import { publicListVersionKey } from '@jianguan/platform';
import { publicListService } from '@jianguan/public-list';
import { TEST_REDIS_URL } from '@jianguan/testing';
import { startFederation, type TestFederation } from './support/federation';
import { PUBLIC_LOOKUP } from './support/public-list-operations';

/**
 * The gateway's kept anonymous answers (gateway/src/public-answer-cache.ts) against a caller who
 * tries to flush them: 2 MiB of cache here, as 64 MiB in production, and requests padded to 1 MB.
 */
let federation: TestFederation;
let redis: Redis;

beforeAll(async () => {
  federation = await startFederation({
    services: [publicListService],
    env: { PUBLIC_ANSWER_CACHE_MB: '2' },
  });
  // The version public-list's worker would announce (no worker runs here, so no list changes).
  redis = new Redis(TEST_REDIS_URL);
  const key = publicListVersionKey(federation.queue.prefix);
  await redis.set(key, '1');
  await redis.publish(key, '1');
});

afterAll(async () => {
  await redis?.quit();
  await federation?.stop();
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
    await post(lookup('博学'));
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
    // public-list ignores the spaces, so each padding would be a new 1 MB entry with the same answer.
    const long = JSON.stringify({ query: PUBLIC_LOOKUP, variables: { query: `博学${' '.repeat(5000)}` } });
    await post(long);
    const again = await post(long);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { data: unknown }).data).toEqual({ publicLookup: [] });
    expect(again.headers.get('age')).toBeNull();
  });
});
