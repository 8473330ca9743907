import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registryService } from '@jianguan/registry';
import { tokenFor } from '@jianguan/testing';
import { onlineCourseFilingService } from '@jianguan/online-course-filing';
import { startFederation, type TestFederation } from './support/federation';
import { REGION_FILING_STATS } from './support/online-course-filing-operations';
import {
  runFilingCommand,
  runFilingSeed,
  NATIONAL_STATS,
  type StatsShape,
} from './support/online-course-filing-import';

let federation: TestFederation;
let dir: string;

beforeAll(async () => {
  federation = await startFederation({ services: [registryService, onlineCourseFilingService] });
  dir = await mkdtemp(path.join(tmpdir(), 'filing-national-'));
});

/** The import runs with the service's runtime role, like the subgraph: it needs no more than that. */
const filingDatabaseUrl = () => federation.envFor(onlineCourseFilingService).DATABASE_URL;

afterAll(async () => {
  await federation?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the national 2019 filing, through the commands and the gateway', () => {
  it('a bad personnel row refuses the whole file; the national set then loads and the country reports 718 / 115,622 / 3,463', async () => {
    const seeded = await runFilingSeed(dir);
    expect(seeded.code).toBe(0);

    // Break the check digit of one ID number in the personnel sheet.
    const file = path.join(dir, 'personnel.csv');
    const original = await readFile(file, 'utf8');
    const lines = original.split('\n');
    const line = 50_001;
    const cells = lines[line - 1].split(',');
    const good = cells[2];
    cells[2] = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    lines[line - 1] = cells.join(',');
    await writeFile(file, lines.join('\n'));

    const admin = await tokenFor({ scopes: ['admin'], regionCode: '63' });
    const country = () =>
      federation.query<{ onlineFilingStats: StatsShape }>(
        `{ onlineFilingStats { ${NATIONAL_STATS} } }`,
        {},
        admin,
      );

    const refused = await runFilingCommand(['import', dir], filingDatabaseUrl());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`personnel line ${line} (idNumber): idNumber has a wrong check digit`);
    expect(refused.stderr).not.toContain(cells[2]);
    expect((await country()).data?.onlineFilingStats).toMatchObject({
      institutionsFiled: 0,
      personnel: 0,
      courses: 0,
    });

    await writeFile(file, original);
    const imported = await runFilingCommand(['import', dir], filingDatabaseUrl());
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported 718 filings: 115622 personnel, 3463 courses');

    const stats = await country();
    expect(stats.errors).toBeUndefined();
    expect(stats.data?.onlineFilingStats).toMatchObject({
      institutionsFiled: 718,
      personnel: 115_622,
      courses: 3_463,
      byStatus: { submitted: 718 },
    });

    // A province official sees the province's share through Region.filingStats.
    const qinghai = await federation.query<{ region: { filingStats: StatsShape } }>(
      REGION_FILING_STATS,
      { code: '63' },
      await tokenFor({ scopes: ['filing:read'], regionCode: '63' }),
    );
    expect(qinghai.errors).toBeUndefined();
    expect(qinghai.data?.region.filingStats.institutionsFiled).toBeGreaterThan(0);
    expect(qinghai.data?.region.filingStats.institutionsFiled).toBeLessThan(718);

    // Without admin there is no national view.
    const notAdmin = await federation.query(
      `{ onlineFilingStats { institutionsFiled } }`,
      {},
      await tokenFor({ scopes: ['filing:read'], regionCode: '63' }),
    );
    expect(notAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }, 120_000);
});
