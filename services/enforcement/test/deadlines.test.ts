import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createLogger, parseTimeLimit } from '@jianguan/platform';
import { NotDueYet, processDeadlineJob } from '../src/deadlines/process';
import { deadlineJobId, jobsFor } from '../src/deadlines/schedule';
import { WebhookChannel } from '../src/deadlines/delivery';
import { respondByFrom } from '../src/deadlines/timings';
import { insertOrders, useEnforcementDatabase } from './support';

const enforcement = useEnforcementDatabase();
let dataSource: DataSource;
const grace = parseTimeLimit('60s');
const options = { grace, batchSize: 1 };
const at = (instant: () => Date) => ({ ...options, now: instant });

beforeAll(async () => {
  dataSource = await enforcement.openDataSource(6);
});

const statusOf = async (id: string) =>
  (
    await dataSource.query(
      `SELECT status, escalation_level, respond_by FROM enforcement.rectification_order WHERE id = $1`,
      [id],
    )
  )[0];

describe('deadline jobs', () => {
  it('runs a reminder once however often it is delivered, and not after the deadline', async () => {
    const deadline = new Date(Date.now() + 3_600_000);
    const [id] = await insertOrders(dataSource, 1, deadline, new Date(Date.now() - 1000));
    const job = {
      kind: 'REMINDER' as const,
      orderId: id,
      deadline: deadline.toISOString(),
      offsetSeconds: 7200,
    };
    const runs = await Promise.all([1, 2, 3].map(() => processDeadlineJob(dataSource, job, options)));
    expect(runs.map((r) => r.outcome).sort()).toEqual(['ALREADY_SENT', 'ALREADY_SENT', 'SENT']);
    const late = await processDeadlineJob(
      dataSource,
      job,
      at(() => new Date(deadline.getTime() + 1)),
    );
    expect(late.outcome).toBe('STALE');
  });

  it('moves a due order to OVERDUE exactly once under concurrent runs, and refuses to run early', async () => {
    const deadline = new Date(Date.now() + 60_000);
    const [id] = await insertOrders(dataSource, 1, deadline, new Date());
    const job = { kind: 'DEADLINE' as const, orderId: id, deadline: deadline.toISOString() };
    await expect(processDeadlineJob(dataSource, job, options)).rejects.toBeInstanceOf(NotDueYet);
    const late = () => new Date(deadline.getTime() + 10);
    const runs = await Promise.all([1, 2, 3, 4].map(() => processDeadlineJob(dataSource, job, at(late))));
    expect(runs.map((r) => r.outcome).sort()).toEqual(['OVERDUE', 'STALE', 'STALE', 'STALE']);
    const row = await statusOf(id);
    expect(row).toMatchObject({ status: 'OVERDUE', escalation_level: 'COUNTY' });
    expect(row.respond_by).toEqual(respondByFrom(late(), grace));
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM enforcement.outbox WHERE payload->>'orderId' = $1`,
      [id],
    );
    expect(n).toBe(2);
    // The next rung is an escalation at respond-by, with an id that carries it.
    const [next] = runs.find((r) => r.next.length > 0)!.next;
    expect(jobsFor(next, { reminderOffsetsMs: [] }).map(deadlineJobId)).toEqual([
      `escalate-${id}-county-${row.respond_by.getTime()}`,
    ]);
    // A stale escalation (another respond-by) does nothing.
    const staleEscalation = await processDeadlineJob(
      dataSource,
      { kind: 'ESCALATE', orderId: id, level: 'COUNTY', respondBy: new Date(0).toISOString() },
      options,
    );
    expect(staleEscalation.outcome).toBe('STALE');
  });

  it('does nothing for a job of a moved deadline or a rectified order', async () => {
    const deadline = new Date(Date.now() - 1000);
    const [moved, rectified] = await insertOrders(dataSource, 2, deadline, new Date(Date.now() - 60_000));
    const old = new Date(deadline.getTime() - 5000).toISOString();
    expect(
      (await processDeadlineJob(dataSource, { kind: 'DEADLINE', orderId: moved, deadline: old }, options))
        .outcome,
    ).toBe('STALE');
    await dataSource.query(
      `UPDATE enforcement.rectification_order SET status = 'RECTIFIED', rectified_at = now() WHERE id = $1`,
      [rectified],
    );
    const job = { kind: 'DEADLINE' as const, orderId: rectified, deadline: deadline.toISOString() };
    expect((await processDeadlineJob(dataSource, job, options)).outcome).toBe('STALE');
    expect((await statusOf(moved)).status).toBe('OPEN');
  });

  it('counts an escalation grace in working days with the Chinese calendar', () => {
    // Tuesday 30 Sep 2025 + 1 working day skips the National Day holiday (1–8 Oct 2025): ends 9 Oct 24:00.
    expect(respondByFrom(new Date('2025-09-30T02:00:00Z'), parseTimeLimit('1wd')).toISOString()).toBe(
      '2025-10-09T16:00:00.000Z',
    );
  });
});

describe('webhook delivery', () => {
  let server: Server;
  const received: unknown[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('POSTs each notification as JSON and survives a receiver that is down', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const n = { id: 'n1', orderId: 'o1', kind: 'REMINDER' as const, step: 's', recipient: 'r', message: 'm' };
    await new WebhookChannel(url, createLogger('test', 'silent')).deliver([n]);
    expect(received).toEqual([n]);
    await expect(
      new WebhookChannel('http://127.0.0.1:1/hook', createLogger('test', 'silent'), 500).deliver([n]),
    ).resolves.toBeUndefined();
  });
});
