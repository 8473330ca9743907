import { QINGHAI, tokenFor, validCreditCode } from '@jianguan/testing';
import {
  INSTITUTION,
  JOIN_PLATFORM,
  RECORD_LICENCE,
  RECORD_SURVEY,
  REGION_STATS,
  REGISTER,
  qihangSchool,
} from './support/registry-operations';
import { useFederationStack } from './support/stack';

type Institution = { id: string; certificateStatus: string; missingLicences: string[]; status: string };

const { federation, db } = useFederationStack();
let officer: string;

beforeAll(async () => {
  officer = await tokenFor({
    scopes: ['registry:write'],
    regionCode: QINGHAI.chengdong,
    name: '城东区教育局 王科长',
  });
});

const register = (overrides: Record<string, unknown> = {}, token = officer) =>
  federation.query<{ registerInstitution: Institution }>(REGISTER, { input: qihangSchool(overrides) }, token);

const licence = (institutionId: string, type: string, extra: Record<string, unknown> = {}) =>
  federation.query<{ recordLicence: Institution }>(
    RECORD_LICENCE,
    {
      input: {
        institutionId,
        type,
        number: `${type}-${Math.random().toString(36).slice(2, 10)}`,
        issuedBy: '西宁市城东区教育局',
        issuedOn: '2024-03-01',
        validUntil: '2029-02-28',
        ...extra,
      },
    },
    officer,
  );

async function counts() {
  const { rows } = await db.query(`SELECT
      (SELECT count(*)::int FROM registry.institution) AS institutions,
      (SELECT count(*)::int FROM registry.licence) AS licences,
      (SELECT count(*)::int FROM registry.audit_record) AS audits,
      (SELECT count(*)::int FROM registry.outbox) AS events`);
  return rows[0] as { institutions: number; licences: number; audits: number; events: number };
}

describe('registering an institution found by the grid survey', () => {
  it('goes from no certificates through incomplete to complete as licences arrive', async () => {
    const registered = await register();
    expect(registered.errors).toBeUndefined();
    const institution = registered.data!.registerInstitution;
    expect(institution).toMatchObject({
      certificateStatus: 'NONE',
      status: 'ACTIVE',
      region: { code: QINGHAI.beiguanCommunity, level: 'VILLAGE', name: '北关社区居民委员会' },
    });

    const first = await licence(institution.id, 'BUSINESS_LICENCE', { validUntil: null });
    expect(first.data!.recordLicence).toMatchObject({
      certificateStatus: 'INCOMPLETE',
      missingLicences: ['SCHOOL_PERMIT', 'FIRE_SAFETY_CLEARANCE', 'NATIONAL_PLATFORM'],
    });

    const survey = await federation.query<{ recordSurvey: { classification: string; surveyorName: string } }>(
      RECORD_SURVEY,
      {
        input: {
          institutionId: institution.id,
          surveyedAt: '2026-11-21T10:30:00+08:00',
          gridCode: QINGHAI.beiguanCommunity,
          finding: 'OPERATING',
          notes: '现场有 3 个教室，未见办学许可证',
        },
      },
      officer,
    );
    expect(survey.data!.recordSurvey).toEqual(
      expect.objectContaining({
        classification: 'INCOMPLETE_CERTIFICATES',
        surveyorName: '城东区教育局 王科长',
      }),
    );

    await licence(institution.id, 'SCHOOL_PERMIT');
    const fire = await licence(institution.id, 'FIRE_SAFETY_CLEARANCE');
    expect(fire.data!.recordLicence).toMatchObject({
      certificateStatus: 'INCOMPLETE',
      missingLicences: ['NATIONAL_PLATFORM'],
    });

    const joined = await federation.query<{ joinNationalPlatform: Institution }>(
      JOIN_PLATFORM,
      { id: institution.id },
      officer,
    );
    expect(joined.data!.joinNationalPlatform).toMatchObject({
      certificateStatus: 'COMPLETE',
      missingLicences: [],
    });

    const read = await federation.query<{ institution: { licences: unknown[]; surveys: unknown[] } }>(
      INSTITUTION,
      { id: institution.id },
      officer,
    );
    expect(read.data!.institution.licences).toHaveLength(3);
    expect(read.data!.institution.surveys).toEqual([{ classification: 'INCOMPLETE_CERTIFICATES' }]);

    const { rows: events } = await db.query(
      `SELECT type FROM registry.outbox WHERE payload->>'institutionId' = $1 ORDER BY occurred_at, type`,
      [institution.id],
    );
    expect(events.map((e) => e.type).sort()).toEqual([
      'InstitutionClassified',
      'InstitutionClassified',
      'InstitutionRegistered',
      'LicenceRecorded',
      'LicenceRecorded',
      'LicenceRecorded',
    ]);
    const { rows: audits } = await db.query(
      `SELECT action FROM registry.audit_record WHERE entity_id = $1 ORDER BY at`,
      [institution.id],
    );
    expect(audits.map((a) => a.action)).toEqual([
      'registerInstitution',
      'recordLicence',
      'recordSurvey',
      'recordLicence',
      'recordLicence',
      'joinNationalPlatform',
    ]);
  });

  it('counts the subtree in Region.institutionStats', async () => {
    const before = await federation.query<{ region: { institutionStats: { total: number } } }>(
      REGION_STATS,
      { code: QINGHAI.chengdong },
      officer,
    );
    await register({ regionCode: '630102002' });
    const after = await federation.query<{
      region: { level: string; institutionStats: { total: number; byCertificateStatus: { none: number } } };
    }>(REGION_STATS, { code: QINGHAI.chengdong }, officer);
    expect(after.data!.region.level).toBe('COUNTY');
    expect(after.data!.region.institutionStats.total).toBe(before.data!.region.institutionStats.total + 1);
    const province = await federation.query(REGION_STATS, { code: QINGHAI.province }, officer);
    expect(province.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  const refusedField = async (overrides: Record<string, unknown>) => {
    const before = await counts();
    const result = await register(overrides);
    expect(result.data).toBeNull();
    expect(await counts()).toEqual(before);
    return result.errors![0];
  };

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['lower case', '91350100m000100y43'],
    ['17 characters', '91350100M000100Y4'],
  ])('refuses a credit code with %s', async (_label, creditCode) => {
    const error = await refusedField({ creditCode });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
  });

  it('refuses an unknown region code', async () => {
    const error = await refusedField({ regionCode: '630102999999' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    expect(error.message).toMatch(/630102999999/);
  });

  it('refuses a duplicate credit code with CONFLICT', async () => {
    const creditCode = validCreditCode();
    expect((await register({ creditCode })).errors).toBeUndefined();
    const error = await refusedField({ creditCode });
    expect(error.extensions?.code).toBe('CONFLICT');
  });

  it('refuses a licence that expires before it was issued', async () => {
    const { data } = await register();
    const before = await counts();
    const result = await licence(data!.registerInstitution.id, 'SCHOOL_PERMIT', {
      issuedOn: '2025-06-01',
      validUntil: '2025-05-31',
    });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validUntil' });
    expect(await counts()).toEqual(before);
  });
});

describe('a failing transaction', () => {
  it('leaves neither the change, nor its audit record, nor its outbox row', async () => {
    // Make the last write of the mutation (its outbox row) fail inside the database.
    await db.query(`CREATE FUNCTION registry.refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`);
    await db.query(`CREATE TRIGGER refuse_outbox BEFORE INSERT ON registry.outbox
      FOR EACH ROW EXECUTE FUNCTION registry.refuse_outbox()`);
    try {
      const before = await counts();
      const creditCode = validCreditCode();
      const result = await register({ creditCode });
      expect(result.errors![0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(result.errors)).not.toMatch(/outbox unavailable/);
      expect(await counts()).toEqual(before);
      const { rowCount } = await db.query(`SELECT 1 FROM registry.institution WHERE credit_code = $1`, [
        creditCode,
      ]);
      expect(rowCount).toBe(0);
    } finally {
      await db.query(`DROP TRIGGER refuse_outbox ON registry.outbox`);
      await db.query(`DROP FUNCTION registry.refuse_outbox()`);
    }
  });
});
