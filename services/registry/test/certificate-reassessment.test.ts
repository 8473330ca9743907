import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Queue } from 'bullmq';
import { QINGHAI, TEST_REDIS_URL, validCreditCode } from '@jianguan/testing';
import { shanghaiDay } from '@jianguan/platform';
import { reassessStaleCertificates } from '../src/commands/reassess-certificates';
import { REASSESSMENT_QUEUE } from '../src/certificate-reassessment';
import { startRegistryWorker } from '../src/worker';
import { registryService } from '../src/service';
import { useRegistryDatabase } from './support';

/**
 * A licence that runs out changes the certificate status without anyone touching the institution:
 * the registry worker re-assesses daily (and at start) and tells the other departments.
 */
const registry = useRegistryDatabase(3);
const { queue } = registry.service;
let dataSource: DataSource;

beforeAll(() => {
  ({ dataSource } = registry);
});

/** A complete offline institution, assessed on `assessedOn`, whose business licence is valid until `until`. */
async function completeInstitution(assessedOn: string, until: string): Promise<string> {
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO registry.institution (id, name, credit_code, kind, category, region_code, address, status,
       on_national_platform, certificate_status, missing_licences, rule_set_version, assessed_on)
     VALUES ($1, '城东区到期测试培训学校', $2, 'OFFLINE', 'SUBJECT', $3, '东关大街 1 号', 'ACTIVE',
       true, 'COMPLETE', '{}', '2021-07', $4)`,
    [id, validCreditCode(), QINGHAI.beiguanCommunity, assessedOn],
  );
  const licences: [string, string | null][] = [
    ['SCHOOL_PERMIT', null],
    ['BUSINESS_LICENCE', until],
    ['FIRE_SAFETY_CLEARANCE', null],
  ];
  for (const [type, validUntil] of licences) {
    await dataSource.query(
      `INSERT INTO registry.licence (institution_id, type, number, issued_by, issued_on, valid_until)
       VALUES ($1, $2, $3, '西宁市城东区', '2020-01-01', $4)`,
      [id, type, `${type}-${id}`, validUntil],
    );
  }
  return id;
}

const institution = async (id: string) =>
  (
    await dataSource.query(
      `SELECT certificate_status, missing_licences, assessed_on::text FROM registry.institution WHERE id = $1`,
      [id],
    )
  )[0] as { certificate_status: string; missing_licences: string[]; assessed_on: string };

const classifiedEvents = async (id: string) =>
  (
    await dataSource.query(
      `SELECT payload FROM registry.outbox WHERE type = 'InstitutionClassified' AND payload->>'institutionId' = $1`,
      [id],
    )
  ).map((row: { payload: Record<string, unknown> }) => row.payload);

it('re-assesses on the day after expiry, once, audited and announced', async () => {
  const id = await completeInstitution('2027-01-10', '2027-01-31');

  // Still valid on its last day.
  expect(await reassessStaleCertificates(dataSource, new Date('2027-01-31T23:00:00+08:00'))).toBe(0);
  expect((await institution(id)).certificate_status).toBe('COMPLETE');

  // Ten past midnight, Shanghai time, the next day.
  const nextDay = new Date('2027-02-01T00:10:00+08:00');
  expect(await reassessStaleCertificates(dataSource, nextDay)).toBe(1);
  expect(await institution(id)).toEqual({
    certificate_status: 'INCOMPLETE',
    missing_licences: ['LEGAL_PERSON_REGISTRATION'],
    assessed_on: '2027-02-01',
  });
  expect(await classifiedEvents(id)).toEqual([
    expect.objectContaining({
      institutionId: id,
      certificateStatus: 'INCOMPLETE',
      missingLicences: ['LEGAL_PERSON_REGISTRATION'],
      surveyFinding: 'CERTIFICATES_REASSESSED',
    }),
  ]);
  const audits = await dataSource.query(
    `SELECT actor_id, before->>'certificateStatus' AS before, after->>'certificateStatus' AS after
       FROM registry.audit_record WHERE entity_id = $1 AND action = 'reassessCertificates'`,
    [id],
  );
  expect(audits).toEqual([
    { actor_id: 'system:registry-reassessment', before: 'COMPLETE', after: 'INCOMPLETE' },
  ]);

  // The scheduler may fire more than once a day: nothing more happens.
  expect(await reassessStaleCertificates(dataSource, new Date('2027-02-01T09:00:00+08:00'))).toBe(0);
  expect(await classifiedEvents(id)).toHaveLength(1);
});

it('the worker schedules the daily run and catches up at start', async () => {
  // Expired yesterday, never re-assessed since.
  const today = new Date();
  const yesterday = shanghaiDay(new Date(today.getTime() - 86_400_000));
  const lastWeek = shanghaiDay(new Date(today.getTime() - 7 * 86_400_000));
  const id = await completeInstitution(lastWeek, yesterday);

  const worker = await startRegistryWorker(
    registry.service.envFor(registryService, { REGISTRY_REASSESS_CRON: '30 0 * * *' }),
  );
  const schedulerQueue = new Queue(REASSESSMENT_QUEUE, {
    connection: { url: TEST_REDIS_URL },
    prefix: queue.prefix,
  });
  try {
    const schedulers = await schedulerQueue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ pattern: '30 0 * * *', tz: 'Asia/Shanghai' })]);
    const deadline = Date.now() + 15_000;
    while ((await institution(id)).certificate_status === 'COMPLETE' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await institution(id)).certificate_status).toBe('INCOMPLETE');
  } finally {
    await schedulerQueue.close();
    await worker.stop();
  }
});
