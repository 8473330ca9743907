import { Redis } from 'ioredis';
import { publicListVersionKey } from '@jianguan/platform';
import { registryService } from '@jianguan/registry';
import type { EventEnvelope } from '@jianguan/events';
import {
  missedThenFixedLate,
  QINGHAI,
  removedFromBlacklist,
  TEST_REDIS_URL,
  tokenFor,
  validCreditCode,
} from '@jianguan/testing';
import { publicListService } from '@jianguan/public-list';
import { until } from './polling';
import { REGISTER } from './registry-operations';
import { PUBLIC_LOOKUP } from './public-list-operations';
import { useEventQueue } from './event-delivery';
import { useFederationStack } from './stack';

export type Entry = {
  name: string;
  creditCode: string;
  list: string | null;
  reasonCode: string;
  regionName: string;
};

/**
 * The public-list e2e stack: registry and public-list with their workers behind the gateway, the
 * public-list event queue to tell stories on, a Redis client to read the announced list version, and
 * the lookups a parent makes without a token.
 */
export function usePublicListStack() {
  const stack = useFederationStack({ services: [registryService, publicListService], workers: true });
  const { federation, db } = stack;
  const queue = useEventQueue(stack, 'public-list');
  const tokens = { officer: '' };
  let redis: Redis;

  beforeAll(async () => {
    tokens.officer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.province });
    redis = stack.stopAtEnd(new Redis(TEST_REDIS_URL), (client) => client.quit());
  });

  /** Puts an event on the public-list queue as the producing department's relay would. */
  const deliver = (e: EventEnvelope) => queue.add(e.type, e, { jobId: e.id });

  /** Waits until the public-list worker has claimed the event (committed with its change). */
  const consumed = (eventId: string) =>
    until(
      async () => (await db.query(`SELECT 1 FROM public_list.inbox WHERE event_id = $1`, [eventId])).rowCount,
      (n) => n === 1,
    );

  /** Waits until public-list has announced its newest list version (what the gateway's cache follows). */
  async function announced() {
    const [{ version }] = (await db.query(`SELECT version FROM public_list.list_state WHERE id = 1`)).rows;
    const key = publicListVersionKey(federation.queue.prefix);
    const heard = await until(
      async () => Number(await redis.get(key)),
      (value) => value >= Number(version),
    );
    expect(heard).toBeGreaterThanOrEqual(Number(version));
  }

  /** The HTTP response too, for its headers (`age` says the gateway answered from its cache). */
  const rawLookup = (query: string, token?: string) =>
    fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: PUBLIC_LOOKUP, variables: { query } }),
    });

  const lookup = (query: string) => federation.query<{ publicLookup: Entry[] }>(PUBLIC_LOOKUP, { query });

  /** Registers through the registry (its relay tells public-list), then tells the story by events. */
  async function registerAndTell(name: string, regionCode: string = QINGHAI.beiguanCommunity) {
    const creditCode = validCreditCode();
    const { data, errors } = await federation.query<{ registerInstitution: { id: string } }>(
      REGISTER,
      {
        input: { name, creditCode, kind: 'OFFLINE', category: 'SUBJECT', regionCode, address: '北关街 5 号' },
      },
      tokens.officer,
    );
    expect(errors).toBeUndefined();
    const institutionId = data!.registerInstitution.id;
    const facts = { institutionId, creditCode, name, regionCode };
    const story = [...missedThenFixedLate(facts), removedFromBlacklist(facts)].filter(
      (e) => e.type !== 'InstitutionRegistered',
    );
    return { institutionId, creditCode, story };
  }

  return { federation, db, tokens, deliver, consumed, announced, rawLookup, lookup, registerAndTell };
}
