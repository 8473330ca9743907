import { Queue } from 'bullmq';
import { createLogger } from '@jianguan/platform';
import { eventQueueName, startRelay, type Relay } from '@jianguan/events';
import { createRegistryDataSource, REGISTRY_SCHEMA } from '@jianguan/registry';
import { QINGHAI, TEST_REDIS_URL, tokenFor, validCreditCode } from '@jianguan/testing';
import type { DataSource } from 'typeorm';
import { REGISTER } from './support/registry-operations';
import { useFederationStack } from './support/stack';

// No workers: the test drives the relay itself.
const stack = useFederationStack();
const { federation } = stack;
let dataSource: DataSource;
const relays: Relay[] = [];
const queues: Queue[] = [];

beforeAll(async () => {
  dataSource = stack.stopAtEnd(
    await createRegistryDataSource(federation.db.url, { poolSize: 4 }).initialize(),
    (source) => source.destroy(),
  );
  stack.stopAtEnd(undefined, async () => {
    for (const relay of relays) await relay.stop();
    for (const queue of queues) await queue.close();
  });
});

const relay = async () => {
  const started = await startRelay({
    dataSource,
    schema: REGISTRY_SCHEMA,
    redisUrl: TEST_REDIS_URL,
    prefix: federation.queue.prefix,
    logger: createLogger('relay-test', 'silent'),
    autorun: false,
  });
  relays.push(started);
  return started;
};

const queueOf = (service: 'enforcement' | 'public-list' | 'qualification-review') => {
  const queue = new Queue(eventQueueName(service), {
    connection: { url: TEST_REDIS_URL },
    prefix: federation.queue.prefix,
  });
  queues.push(queue);
  return queue;
};

describe("the registry's events", () => {
  it('reach every subscriber queue exactly once, however often and however many relays run', async () => {
    const officer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
    const registered = await federation.query<{ registerInstitution: { id: string } }>(
      REGISTER,
      {
        input: {
          name: '东关围棋培训部',
          creditCode: validCreditCode(),
          kind: 'OFFLINE',
          category: 'NON_SUBJECT',
          regionCode: QINGHAI.dongguanStreet,
          address: '东关大街 12 号',
        },
      },
      officer,
    );
    const institutionId = registered.data!.registerInstitution.id;
    const [outboxRow] = await dataSource.query(
      `SELECT id, type, published_at FROM registry.outbox WHERE payload->>'institutionId' = $1`,
      [institutionId],
    );
    expect(outboxRow).toMatchObject({ type: 'InstitutionRegistered', published_at: null });

    const [first, second] = [await relay(), await relay()];
    const published = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(published[0] + published[1]).toBe(1);
    expect(await first.runOnce()).toBe(0);
    // Even a row that is published again (a crash before it was marked) is refused by its job id.
    await dataSource.query(`UPDATE registry.outbox SET published_at = NULL WHERE id = $1`, [outboxRow.id]);
    expect(await second.runOnce()).toBe(1);

    for (const service of ['enforcement', 'public-list', 'qualification-review'] as const) {
      const jobs = await queueOf(service).getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
      expect(jobs.map((job) => job.id)).toEqual([outboxRow.id]);
      expect(jobs[0].data).toMatchObject({ type: 'InstitutionRegistered', payload: { institutionId } });
    }
    const [after] = await dataSource.query(`SELECT published_at FROM registry.outbox WHERE id = $1`, [
      outboxRow.id,
    ]);
    expect(after.published_at).toBeInstanceOf(Date);
  });
});
