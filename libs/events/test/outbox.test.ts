import { Client } from 'pg';
import { EventContractError, outboxChannel, recordEvent, type EventPayload } from '../src';
import { registeredPayload, SCHEMA, setUpEventTest, waitFor, type EventTest } from './support';

describe('recording events in the outbox', () => {
  let t: EventTest;
  beforeAll(async () => {
    t = await setUpEventTest();
  });
  afterAll(() => t.teardown());

  const outboxRows = () => t.dataSource.query(`SELECT * FROM "${SCHEMA}".outbox ORDER BY seq`);

  it('commits the event with the change it reports', async () => {
    const payload = registeredPayload();
    const occurredAt = new Date('2026-11-21T01:30:00.000Z');
    const envelope = await t.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "${SCHEMA}".handled (event_id, institution_id) VALUES (gen_random_uuid(), $1)`,
        [payload.institutionId],
      );
      return recordEvent(manager, 'registry', 'InstitutionRegistered', payload, occurredAt);
    });

    expect(envelope).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'InstitutionRegistered',
      producer: 'registry',
      occurredAt: '2026-11-21T01:30:00.000Z',
      payload,
    });
    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: envelope.id,
      type: 'InstitutionRegistered',
      producer: 'registry',
      payload,
      occurred_at: occurredAt,
      published_at: null,
      attempts: 0,
    });
  });

  it('leaves no event when the transaction rolls back', async () => {
    const before = await t.count(`SELECT count(*) FROM "${SCHEMA}".outbox`);
    await expect(
      t.dataSource.transaction(async (manager) => {
        await recordEvent(manager, 'registry', 'InstitutionRegistered', registeredPayload());
        throw new Error('the change failed after the event was recorded');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.count(`SELECT count(*) FROM "${SCHEMA}".outbox`)).toBe(before);
  });

  it('refuses a payload that breaks the catalogue, and a producer that does not own the event', async () => {
    const before = await t.count(`SELECT count(*) FROM "${SCHEMA}".outbox`);
    const hybrid = {
      ...registeredPayload(),
      kind: 'HYBRID',
    } as unknown as EventPayload<'InstitutionRegistered'>;
    await expect(
      t.dataSource.transaction((manager) =>
        recordEvent(manager, 'registry', 'InstitutionRegistered', hybrid),
      ),
    ).rejects.toThrow(/kind/);
    const badRegion = { ...registeredPayload(), regionCode: 'Xining' };
    await expect(
      t.dataSource.transaction((manager) =>
        recordEvent(manager, 'registry', 'InstitutionRegistered', badRegion),
      ),
    ).rejects.toBeInstanceOf(EventContractError);
    await expect(
      t.dataSource.transaction((manager) =>
        recordEvent(manager, 'enforcement', 'InstitutionRegistered', registeredPayload()),
      ),
    ).rejects.toThrow('InstitutionRegistered is produced by registry, not enforcement');
    expect(await t.count(`SELECT count(*) FROM "${SCHEMA}".outbox`)).toBe(before);
  });

  it('stores only the catalogued fields of a payload', async () => {
    const payload = { ...registeredPayload(), idNumber: '630102199001010011' };
    const envelope = await t.dataSource.transaction((manager) =>
      recordEvent(manager, 'registry', 'InstitutionRegistered', payload),
    );
    const [row] = await t.dataSource.query(`SELECT payload FROM "${SCHEMA}".outbox WHERE id = $1`, [
      envelope.id,
    ]);
    expect(row.payload).not.toHaveProperty('idNumber');
    expect(envelope.payload).not.toHaveProperty('idNumber');
  });

  it('notifies the relay only when the transaction commits', async () => {
    const listener = new Client({ connectionString: t.db.url });
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.connect();
    try {
      await listener.query(`LISTEN "${outboxChannel(SCHEMA)}"`);
      const rolledBack = t.dataSource.transaction(async (manager) => {
        await recordEvent(manager, 'registry', 'InstitutionRegistered', registeredPayload());
        throw new Error('rolled back');
      });
      await expect(rolledBack).rejects.toThrow('rolled back');
      const committed = await t.dataSource.transaction((manager) =>
        recordEvent(manager, 'registry', 'InstitutionRegistered', registeredPayload()),
      );
      // Notifications arrive in commit order, so once the committed one is here the other never will be.
      await waitFor('the notification', async () => heard.length > 0);
      expect(heard).toEqual([committed.id]);
    } finally {
      await listener.end();
    }
  });
});
