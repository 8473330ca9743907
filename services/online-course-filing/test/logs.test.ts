import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import {
  QINGHAI,
  TEST_JWKS,
  TEST_SUBGRAPH_SECRET,
  tokenFor,
  useServiceDatabase,
  validIdNumber,
} from '@jianguan/testing';
import { migrateOnlineCourseFiling } from '../src/migrate';
import { insertPersonnel } from '../src/commands/bulk';
import { createFilingDataSource, FILING_SCHEMA } from '../src/data-source';
import { openDataSource } from '@jianguan/platform';

const ROOT = path.resolve(__dirname, '../../..');
const service = useServiceDatabase({ migrate: migrateOnlineCourseFiling });
const { db } = service;
let server: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  server = spawn('node', ['-r', '@swc-node/register', 'services/online-course-filing/src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SWCRC: 'true',
      LOG_LEVEL: 'trace',
      DATABASE_URL: db.runtimeUrl(FILING_SCHEMA),
      JWT_JWKS: TEST_JWKS,
      SUBGRAPH_SECRET: TEST_SUBGRAPH_SECRET,
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.atEnd(async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"([^"]+\/graphql)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
  });
});

const post = async (query: string, variables: Record<string, unknown>, token: string) =>
  (await (
    await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-subgraph-secret': TEST_SUBGRAPH_SECRET,
      },
      body: JSON.stringify({ query, variables }),
    })
  ).json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };

it('never writes an ID number to the log, whatever the requests and failures', async () => {
  const institutionId = randomUUID();
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    `INSERT INTO online_course_filing.known_institution (id, name, region_code, kind) VALUES ($1, '日志', $2, 'ONLINE')`,
    [institutionId, QINGHAI.chengdong],
  );
  await client.end();
  const good = validIdNumber(QINGHAI.chengdong, '19800101');
  const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const token = await tokenFor({ scopes: ['filing:submit', 'filing:screen'], regionCode: QINGHAI.chengdong });
  const input = (idNumber: string) => ({
    institutionId,
    institutionInfo: { name: '日志' },
    businessInfo: { platforms: [] },
    personnel: [{ name: '张老师', idNumber, role: 'TEACHER', subject: 'MATH' }],
    courses: [],
    commitments: [],
  });
  const submit = `mutation S($input: SubmitOnlineFilingInput!) { submitOnlineFiling(input: $input) { id } }`;
  expect((await post(submit, { input: input(wrong) }, token)).errors).toHaveLength(1);
  const submitted = await post(submit, { input: input(good) }, token);
  const id = submitted.data!.submitOnlineFiling.id;
  const read = await post(
    `query Q($id: ID!) { onlineFiling(id: $id) { personnel { edges { node { idNumber } } } } }`,
    { id },
    token,
  );
  expect(JSON.stringify(read)).toContain(good);

  // A failing bulk insert: its error (what an internal-error log line would carry) has no ID number.
  const dataSource = await openDataSource(createFilingDataSource(db.url, { poolSize: 1 }), {
    migrate: false,
  });
  const failure = await insertPersonnel(dataSource.manager, [
    {
      filingId: randomUUID(),
      line: 1,
      name: '张',
      idNumber: good,
      role: 'TEACHER',
      subject: null,
      teacherCertificateNumber: null,
    },
  ]).catch((error: unknown) => error as Error);
  await dataSource.destroy();
  expect(failure).toBeInstanceOf(Error);
  expect(
    JSON.stringify({
      ...(failure as object),
      message: (failure as Error).message,
      stack: (failure as Error).stack,
    }),
  ).not.toContain(good);

  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(output).toContain('subgraph listening');
  expect(output).not.toContain(good);
  expect(output).not.toContain(wrong);
});
