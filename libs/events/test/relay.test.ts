import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { QINGHAI } from '@jianguan/testing';
import { recordEvent, SERVICE_NAMES, startRelay, type Relay, type ServiceName } from '../src';
import {
  classifiedPayload,
  registeredPayload,
  SCHEMA,
  setUpEventTest,
  testRelayOptions,
  type EventTest,
} from './support';

describe('outbox relay', () => {
  let t: EventTest;
  const relays: Relay[] = [];
  const relay = async (
    options: { batchSize?: number; redisUrl?: string; publishTimeoutMs?: number } = {},
  ) => {
    const started = await startRelay({
      ...testRelayOptions(t),
      autorun: false,
      ...options,
    });
    relays.push(started);
    return started;
  };

  beforeAll(async () => {
    t = await setUpEventTest();
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((started) => started.stop()));
    // Each test starts from an empty outbox and empty queues.
    await t.dataSource.query(`DELETE FROM "${SCHEMA}".outbox`);
    await Promise.all(SERVICE_NAMES.map((service) => t.queue(service).obliterate({ force: true })));
  });
  afterAll(() => t.teardown());

  const waitingIds = async (service: ServiceName) =>
    (await t.queue(service).getJobs(['waiting'], 0, -1, true)).map((job) => job.id);

  it('publishes each row once to every subscriber queue, in occurred order, and marks it published', async () => {
    const base = Date.parse('2026-11-21T01:00:00Z');
    // Recorded in one order, occurred in another: the relay follows occurred_at.
    const [licence, registered, typicalCase] = await t.dataSource.transaction(async (manager) => {
      const institutionId = randomUUID();
      return [
        await recordEvent(
          manager,
          'registry',
          'LicenceRecorded',
          {
            institutionId,
            regionCode: QINGHAI.chengdong,
            licenceId: randomUUID(),
            licenceType: 'FIRE_SAFETY',
            certificateStatus: 'INCOMPLETE',
            missingLicences: ['SCHOOL_RUNNING_PERMIT'],
          },
          new Date(base + 2000),
        ),
        await recordEvent(
          manager,
          'registry',
          'InstitutionRegistered',
          { ...registeredPayload(), institutionId },
          new Date(base),
        ),
        await recordEvent(
          manager,
          'enforcement',
          'TypicalCasePublished',
          {
            caseId: randomUUID(),
            institutionId,
            regionCode: QINGHAI.chengdong,
            title: '无证办学典型案例',
            summary: '未取得办学许可证开展学科类培训，已依法取缔。',
            publishedAt: new Date(base + 1000).toISOString(),
          },
          new Date(base + 1000),
        ),
      ];
    });

    const single = await relay();
    expect(await single.runOnce()).toBe(3);
    expect(await single.runOnce()).toBe(0);

    expect(await waitingIds('qualification-review')).toEqual([registered.id]);
    expect(await waitingIds('online-course-filing')).toEqual([registered.id]);
    expect(await waitingIds('enforcement')).toEqual([registered.id, licence.id]);
    expect(await waitingIds('public-list')).toEqual([registered.id, typicalCase.id, licence.id]);
    expect(await waitingIds('registry')).toEqual([]);

    const job = await t.queue('enforcement').getJob(licence.id);
    expect(job?.name).toBe('LicenceRecorded');
    expect(job?.data).toEqual(licence);
    expect(job?.opts.attempts).toBeGreaterThan(1);

    const rows = await t.dataSource.query(`SELECT published_at, attempts FROM "${SCHEMA}".outbox`);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.published_at).toBeInstanceOf(Date);
      expect(row.attempts).toBe(1);
    }
  });

  it('never publishes a row twice when two relays run at once', async () => {
    const events = await t.dataSource.transaction(async (manager) => {
      const recorded = [];
      for (let i = 0; i < 60; i++) {
        recorded.push(await recordEvent(manager, 'registry', 'InstitutionClassified', classifiedPayload()));
      }
      return recorded;
    });
    const [first, second] = [await relay({ batchSize: 7 }), await relay({ batchSize: 7 })];

    const [a, b] = await Promise.all([first.runOnce(), second.runOnce()]);

    // Each relay counts the rows it published: together exactly the 60, none by both.
    expect(a + b).toBe(60);
    const ids = events.map((event) => event.id).sort();
    for (const service of ['qualification-review', 'enforcement', 'public-list'] as const) {
      expect((await waitingIds(service)).sort()).toEqual(ids);
    }
    expect(await t.queue('online-course-filing').count()).toBe(0);
    const attempts = await t.dataSource.query(
      `SELECT attempts, count(*)::int AS rows FROM "${SCHEMA}".outbox WHERE published_at IS NOT NULL GROUP BY attempts`,
    );
    expect(attempts).toEqual([{ attempts: 1, rows: 60 }]);
  });

  it('republishing after a crash before the commit adds no second job', async () => {
    const event = await t.dataSource.transaction((manager) =>
      recordEvent(manager, 'registry', 'InstitutionRegistered', registeredPayload()),
    );
    const single = await relay();
    expect(await single.runOnce()).toBe(1);
    // As if the relay had died after adding the jobs and before marking the row published.
    await t.dataSource.query(`UPDATE "${SCHEMA}".outbox SET published_at = NULL`);
    expect(await single.runOnce()).toBe(1);

    for (const service of [
      'qualification-review',
      'online-course-filing',
      'enforcement',
      'public-list',
    ] as const) {
      expect(await waitingIds(service)).toEqual([event.id]);
    }
  });

  it('leaves the rows for the next attempt when Redis does not answer, counting the attempt', async () => {
    await t.dataSource.transaction((manager) =>
      recordEvent(manager, 'registry', 'InstitutionRegistered', registeredPayload()),
    );
    // A "Redis" that accepts connections and never replies: BullMQ would wait for it forever.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const cutOff = await relay({ redisUrl: `redis://127.0.0.1:${port}`, publishTimeoutMs: 300 });
      await expect(cutOff.runOnce()).rejects.toThrow(/Redis did not take the outbox batch/);
      await cutOff.stop();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      // ioredis arms a 2 s stream-destroy timer when it drops a dead connection; let it lapse so jest exits.
      await new Promise((resolve) => setTimeout(resolve, 2100));
    }

    const [row] = await t.dataSource.query(`SELECT published_at, attempts FROM "${SCHEMA}".outbox`);
    expect(row).toEqual({ published_at: null, attempts: 1 });
    // The rows were not left locked: a relay that can reach Redis publishes them at once.
    expect(await (await relay()).runOnce()).toBe(1);
    expect(await t.queue('public-list').count()).toBe(1);
  });
});
