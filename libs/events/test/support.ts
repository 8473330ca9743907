import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createDataSource, createLogger, type Logger } from '@jianguan/platform';
import {
  createQueuePrefix,
  createTestDatabase,
  QINGHAI,
  TEST_REDIS_URL,
  validCreditCode,
  type TestDatabase,
} from '@jianguan/testing';
import {
  eventEntities,
  eventQueueConnection,
  eventQueueName,
  inboxTableSql,
  outboxTableSql,
  type EventConsumerOptions,
  type EventPayload,
  type RelayOptions,
  type ServiceName,
} from '../src';

/** These tests own their schema; they do not depend on any service's migrations. */
export const SCHEMA = 'evtest';

export const logger: Logger = createLogger('events-test', process.env.TEST_LOG_LEVEL ?? 'silent');

export interface EventTest {
  db: TestDatabase;
  dataSource: DataSource;
  prefix: string;
  /** A queue handle for inspecting or feeding a service's event queue; closed in teardown. */
  queue: (service: ServiceName) => Queue;
  count: (sql: string) => Promise<number>;
  teardown: () => Promise<void>;
}

/**
 * This file's own database (cloned from the template) with an `evtest` schema holding an outbox,
 * an inbox and `handled`, a table an example handler writes to; and this file's own queue prefix.
 */
export async function setUpEventTest(): Promise<EventTest> {
  const db = await createTestDatabase();
  const queuePrefix = createQueuePrefix();
  const dataSource = createDataSource({
    url: db.url,
    schema: SCHEMA,
    entities: eventEntities,
    migrations: [],
  });
  await dataSource.initialize();
  await dataSource.transaction(async (manager) => {
    const statements = [
      `CREATE SCHEMA "${SCHEMA}"`,
      ...outboxTableSql(SCHEMA),
      ...inboxTableSql(SCHEMA),
      `CREATE TABLE "${SCHEMA}".handled (id serial PRIMARY KEY, event_id uuid NOT NULL, institution_id uuid NOT NULL)`,
    ];
    for (const sql of statements) await manager.query(sql);
  });

  const queues = new Map<ServiceName, Queue>();
  const queue = (service: ServiceName) => {
    let handle = queues.get(service);
    if (!handle) {
      handle = new Queue(eventQueueName(service), eventQueueConnection(TEST_REDIS_URL, queuePrefix.prefix));
      queues.set(service, handle);
    }
    return handle;
  };

  return {
    db,
    dataSource,
    prefix: queuePrefix.prefix,
    queue,
    count: async (sql) => Number((await dataSource.query(sql))[0].count),
    teardown: async () => {
      await Promise.all([...queues.values()].map((handle) => handle.close()));
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
      await queuePrefix.cleanup();
    },
  };
}

/** How a relay reaches this test's outbox and publishes under its queue prefix. */
export const testRelayOptions = (t: EventTest): RelayOptions => ({
  dataSource: t.dataSource,
  schema: SCHEMA,
  redisUrl: TEST_REDIS_URL,
  prefix: t.prefix,
  logger,
});

/** How a consumer reaches this test's database and reads under its queue prefix. */
export const testConsumerConnection = (
  t: EventTest,
): Pick<EventConsumerOptions, 'dataSource' | 'redisUrl' | 'prefix' | 'logger'> => ({
  dataSource: t.dataSource,
  redisUrl: TEST_REDIS_URL,
  prefix: t.prefix,
  logger,
});

/** Waits until `check` returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const registeredPayload = (): EventPayload<'InstitutionRegistered'> => ({
  institutionId: randomUUID(),
  creditCode: validCreditCode(),
  name: '西宁市城东区启明培训学校',
  kind: 'OFFLINE',
  category: 'SUBJECT',
  regionCode: QINGHAI.chengdong,
});

export const classifiedPayload = (): EventPayload<'InstitutionClassified'> => ({
  institutionId: randomUUID(),
  regionCode: QINGHAI.chengdong,
  certificateStatus: 'INCOMPLETE',
  missingLicences: ['SCHOOL_RUNNING_PERMIT'],
  surveyFinding: '证照不全：无办学许可证',
  onNationalPlatform: false,
});
