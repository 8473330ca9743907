import { recordEvent, startRelay, type EventEnvelope, type EventType, type Relay } from '../src';
import {
  classifiedPayload,
  registeredPayload,
  SCHEMA,
  setUpEventTest,
  testRelayOptions,
  waitFor,
  type EventTest,
} from './support';

/** The relay must not wait for its poll: a committed event reaches the queues within moments. */
describe('outbox relay wake-up', () => {
  let t: EventTest;
  let relay: Relay | undefined;
  // Far longer than any wait below, so only LISTEN/NOTIFY (or the start-up pass) can deliver in time.
  const POLL_MS = 10 * 60_000;
  const PROMPT_MS = 2000;

  beforeAll(async () => {
    t = await setUpEventTest();
  });
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });
  afterAll(() => t.teardown());

  const start = async () => {
    relay = await startRelay({
      ...testRelayOptions(t),
      pollIntervalMs: POLL_MS,
      reconnectDelayMs: 100,
    });
  };
  const delivered = async (event: EventEnvelope<EventType>) =>
    (await t.queue('public-list').getJob(event.id))?.data.id === event.id;
  const published = async (event: EventEnvelope<EventType>) =>
    (await t.dataSource.query(`SELECT published_at FROM "${SCHEMA}".outbox WHERE id = $1`, [event.id]))[0]
      .published_at !== null;

  it('publishes what was recorded before it started, at once', async () => {
    const backlog = await t.dataSource.transaction((manager) =>
      recordEvent(manager, 'registry', 'InstitutionRegistered', registeredPayload()),
    );
    await start();
    await waitFor('the backlog to be published', () => delivered(backlog), PROMPT_MS);
    await waitFor('the row to be marked published', () => published(backlog), PROMPT_MS);
  });

  it('publishes an event as soon as its transaction commits', async () => {
    await start();
    const startedAt = Date.now();
    const event = await t.dataSource.transaction((manager) =>
      recordEvent(manager, 'registry', 'InstitutionClassified', classifiedPayload()),
    );
    await waitFor('the event on the subscriber queue', () => delivered(event), PROMPT_MS);
    expect(Date.now() - startedAt).toBeLessThan(PROMPT_MS);
  });

  it('listens again after its connection is cut', async () => {
    await start();
    const listenerPids = async (): Promise<number[]> =>
      (
        await t.dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = $2`,
          [`${SCHEMA}-outbox-relay`, t.db.name],
        )
      ).map((row: { pid: number }) => row.pid);
    const [before] = await listenerPids();
    expect(before).toBeDefined();

    await t.dataSource.query('SELECT pg_terminate_backend($1)', [before]);
    await waitFor(
      'a new listener connection',
      async () => {
        const pids = await listenerPids();
        return pids.length === 1 && pids[0] !== before;
      },
      PROMPT_MS,
    );

    const event = await t.dataSource.transaction((manager) =>
      recordEvent(manager, 'registry', 'InstitutionClassified', classifiedPayload()),
    );
    await waitFor('the event after reconnecting', () => delivered(event), PROMPT_MS);
  });
});
