/**
 * The grid workers' part of the demo load: every institution of the data set, its licences and (but for
 * the watched ones) its survey go into the registry as one grid-survey file, through the registry's
 * bulk import — the same checks, derived statuses, audit and events as the mutations, in one
 * transaction instead of thousands of requests. The other departments learn of them from the events.
 */
import { openDataSource, parseCsv } from '@jianguan/platform';
import {
  createRegistryDataSource,
  importSurveyFile,
  surveyFileText,
  type SurveyImportResult,
} from '@jianguan/registry';
import { surveyFileRecord, type DemoInstitution } from '@jianguan/tools';

/** Who the import's audit lines and survey records name. */
export const DEMO_SURVEY_IMPORT_ACTOR = { sub: 'demo-grid-survey', name: '青海省网格排查（演示导入）' };

/**
 * Imports the institutions, surveying those in `surveyed` at their data-set time before `now`;
 * returns the registry's ids by credit code and what the import loaded.
 */
export async function importRegistry(
  databaseUrl: string,
  institutions: readonly DemoInstitution[],
  surveyed: ReadonlySet<number>,
  now: Date,
): Promise<{ ids: Map<string, string>; result: SurveyImportResult }> {
  const records = institutions.map((institution) => {
    const record = surveyFileRecord(institution, now);
    return surveyed.has(institution.index) ? record : { ...record, survey: null };
  });
  const dataSource = await openDataSource(createRegistryDataSource(databaseUrl, { poolSize: 2 }), {
    migrate: false,
  });
  try {
    const result = await importSurveyFile(
      dataSource,
      parseCsv(surveyFileText(records)),
      DEMO_SURVEY_IMPORT_ACTOR,
      {
        now,
      },
    );
    const rows = (await dataSource.query(
      `SELECT id, credit_code FROM registry.institution WHERE credit_code = ANY($1::text[])`,
      [records.map((r) => r.creditCode)],
    )) as { id: string; credit_code: string }[];
    return { ids: new Map(rows.map((r) => [r.credit_code, r.id])), result };
  } finally {
    await dataSource.destroy();
  }
}
