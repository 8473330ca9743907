import { onlineCourseFilingService } from '@jianguan/online-course-filing';
import { registryService } from '@jianguan/registry';
import {
  captureLogs,
  craftToken,
  OLD_SHARED_SECRET,
  QINGHAI,
  tokenFor,
  validIdNumber,
  type LogLine,
} from '@jianguan/testing';
import {
  filingInput,
  FILING_PERSONNEL,
  mathTeacher,
  registerOnlineInstitution,
  SUBMIT_FILING,
} from './support/online-course-filing-operations';
import { useFederationStack } from './support/stack';

/**
 * Everything the gateway, the subgraphs and their workers log while personal data passes through
 * them — a filing with a contact phone, a legal representative and teachers' ID numbers, read back in
 * full, refused for a wrong ID number, and failing inside the database — holds none of the fixtures'
 * phone numbers, ID numbers or tokens. Logs are read at `trace`, the most a process writes.
 */
const logs = captureLogs();
const { federation, db } = useFederationStack({
  services: [registryService, onlineCourseFilingService],
  workers: true,
  env: { OUTBOX_POLL_MS: '200', LOG_LEVEL: 'trace' },
  logDestination: logs.destination,
});
const tokens: string[] = [];
const PHONES = ['13900000000', '13912345678'];
const TEACHER = mathTeacher(); // the fixture teacher, with a valid ID number
const ID_NUMBERS = [TEACHER.idNumber as string, validIdNumber(QINGHAI.chengdong, '19900704')];
const WRONG_ID_NUMBER = ID_NUMBERS[1].slice(0, 17) + (ID_NUMBERS[1][17] === '0' ? '1' : '0');

const issue = async (claims: Parameters<typeof tokenFor>[0]) => {
  const token = await tokenFor(claims);
  tokens.push(token);
  return token;
};

const logText = () => logs.lines.map((line) => JSON.stringify(line)).join('\n');

it('logs no phone number, ID number or token of a filing that goes through, is refused and fails', async () => {
  const registryOfficer = await issue({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  const screener = await issue({ scopes: ['filing:submit', 'filing:screen'], regionCode: QINGHAI.chengdong });
  const first = await registerOnlineInstitution(federation, db, registryOfficer);
  const second = await registerOnlineInstitution(federation, db, registryOfficer, { name: '青海慧学在线' });

  // Goes through, and is read back whole by the screener.
  const submitted = await federation.query<{ submitOnlineFiling: { id: string } }>(
    SUBMIT_FILING,
    { input: filingInput(first, { personnel: [TEACHER] }) },
    screener,
  );
  expect(submitted.errors).toBeUndefined();
  const read = await federation.query(
    FILING_PERSONNEL,
    { id: submitted.data!.submitOnlineFiling.id },
    screener,
  );
  expect(JSON.stringify(read.data)).toContain(ID_NUMBERS[0]);

  // Refused: a wrong check digit.
  const refused = await federation.query(
    SUBMIT_FILING,
    { input: filingInput(second, { personnel: [mathTeacher({ idNumber: WRONG_ID_NUMBER })] }) },
    screener,
  );
  expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

  // Fails inside the database: the INSERT of the filing row (phone, legal representative) is refused.
  await db.query(`CREATE FUNCTION online_course_filing.refuse_filing() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
  await db.query(`CREATE TRIGGER refuse_filing BEFORE INSERT ON online_course_filing.filing
    FOR EACH ROW EXECUTE FUNCTION online_course_filing.refuse_filing()`);
  const failed = await federation.query(
    SUBMIT_FILING,
    {
      input: filingInput(second, {
        institutionInfo: { name: '青海慧学在线', legalRepresentative: '李某', contactPhone: PHONES[1] },
        personnel: [mathTeacher({ idNumber: ID_NUMBERS[1] })],
      }),
    },
    screener,
  );
  await db.query('DROP TRIGGER refuse_filing ON online_course_filing.filing');
  expect(failed.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');

  // Tokens the gateway refuses are not written down either.
  const expired = await tokenFor({ scopes: ['admin'], regionCode: '63' }, Math.floor(Date.now() / 1000) - 60);
  const forged = await craftToken(
    { exp: Math.floor(Date.now() / 1000) + 3600 },
    { hs256Secret: OLD_SHARED_SECRET },
  );
  tokens.push(expired, forged);
  for (const token of [expired, forged]) {
    expect((await federation.query(SUBMIT_FILING, { input: filingInput(first) }, token)).status).toBe(401);
  }

  await new Promise((resolve) => setTimeout(resolve, 300)); // the workers' last lines
  // The failure was logged, with what finds it (the statement, the code), not with its values.
  const internal = logs.lines.filter((line: LogLine) => line.msg === 'internal error');
  expect(internal.length).toBeGreaterThan(0);
  expect(JSON.stringify(internal)).toContain('disk full (simulated)');
  expect(JSON.stringify(internal)).toContain('INSERT INTO');

  const text = logText();
  expect(logs.lines.length).toBeGreaterThan(20);
  for (const secret of [...PHONES, ...ID_NUMBERS, WRONG_ID_NUMBER, ...tokens]) {
    expect({ secret, logged: text.includes(secret) }).toEqual({ secret, logged: false });
  }
});

it('keeps the contact phone masked in the filing audit', async () => {
  const { rows } = await db.query<{ after: unknown }>(
    `SELECT after FROM online_course_filing.audit_record WHERE entity_type = 'OnlineFiling'`,
  );
  expect(rows.length).toBeGreaterThan(0);
  const audit = JSON.stringify(rows);
  expect(audit).not.toContain(PHONES[0]);
  expect(audit).toContain('139******00');
});
