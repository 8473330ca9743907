/** The grid workers' part of the demo load: register, license and survey every institution of the data set. */
import { batchVariables, chunk, mapConcurrently, type GatewayClient } from './gateway-client';
import { gridWorker } from './demo-tokens';
import { licenceBatch, registerBatch, surveyBatch } from './operations';
import type { DemoCounty, DemoInstitution } from './qinghai-dataset';

/** Aliased mutations per request (the gateway allows 30 aliases) and requests in flight. */
export const BATCH_SIZE = 25;
export const CONCURRENCY = 4;

type Sign = (claims: ReturnType<typeof gridWorker>) => Promise<string>;
/** Told how far a phase has got, now and then (a large load takes minutes on a small machine). */
export type Progress = (done: number, total: number) => void;

/** Counts finished items and calls `progress` each time another fifth of them is done. */
function reporter(total: number, progress?: Progress) {
  let done = 0;
  let reported = 0;
  return (items: number) => {
    done += items;
    const fifth = Math.floor((done / total) * 5);
    if (progress && fifth > reported && done < total) {
      reported = fifth;
      progress(done, total);
    }
  };
}

/** Work grouped by county (each county's grid worker does its own), then cut into batches. */
function countyBatches<T>(
  counties: DemoCounty[],
  items: readonly T[],
  countyOf: (item: T) => string,
): { county: DemoCounty; items: T[] }[] {
  const byCounty = new Map<string, T[]>();
  for (const item of items) {
    const code = countyOf(item);
    byCounty.set(code, [...(byCounty.get(code) ?? []), item]);
  }
  return counties.flatMap((county) =>
    chunk(byCounty.get(county.code) ?? [], BATCH_SIZE).map((batch) => ({ county, items: batch })),
  );
}

/** Registers the institutions; returns their ids by credit code. */
export async function registerInstitutions(
  client: GatewayClient,
  sign: Sign,
  counties: DemoCounty[],
  institutions: readonly DemoInstitution[],
  progress?: Progress,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const report = reporter(institutions.length, progress);
  await mapConcurrently(
    countyBatches(counties, institutions, (i) => i.countyCode),
    CONCURRENCY,
    async (batch) => {
      const inputs = batch.items.map((i) => ({
        name: i.name,
        creditCode: i.creditCode,
        kind: i.kind,
        category: i.category,
        regionCode: i.regionCode,
        address: i.address,
        onNationalPlatform: i.onNationalPlatform,
      }));
      const data = await client.request<Record<string, { id: string; creditCode: string }>>(
        registerBatch(inputs.length),
        batchVariables(inputs),
        await sign(gridWorker(batch.county)),
      );
      for (const { id, creditCode } of Object.values(data)) ids.set(creditCode, id);
      report(inputs.length);
    },
  );
  return ids;
}

export async function recordLicences(
  client: GatewayClient,
  sign: Sign,
  counties: DemoCounty[],
  institutions: readonly DemoInstitution[],
  ids: Map<string, string>,
  progress?: Progress,
): Promise<number> {
  const licences = institutions.flatMap((i) =>
    i.licences.map((licence) => ({
      countyCode: i.countyCode,
      input: { institutionId: ids.get(i.creditCode), ...licence },
    })),
  );
  const report = reporter(licences.length, progress);
  await mapConcurrently(
    countyBatches(counties, licences, (l) => l.countyCode),
    CONCURRENCY,
    async (batch) => {
      const inputs = batch.items.map((l) => l.input);
      await client.request(
        licenceBatch(inputs.length),
        batchVariables(inputs),
        await sign(gridWorker(batch.county)),
      );
      report(inputs.length);
    },
  );
  return licences.length;
}

export async function recordSurveys(
  client: GatewayClient,
  sign: Sign,
  counties: DemoCounty[],
  institutions: readonly DemoInstitution[],
  ids: Map<string, string>,
  now: Date,
  progress?: Progress,
): Promise<void> {
  const report = reporter(institutions.length, progress);
  await mapConcurrently(
    countyBatches(counties, institutions, (i) => i.countyCode),
    CONCURRENCY,
    async (batch) => {
      const inputs = batch.items.map((i) => ({
        institutionId: ids.get(i.creditCode),
        surveyedAt: new Date(now.getTime() - i.survey.daysAgo * 86_400_000 - i.index * 1000).toISOString(),
        gridCode: i.regionCode,
        finding: i.survey.finding,
        notes: i.survey.notes,
      }));
      await client.request(
        surveyBatch(inputs.length),
        batchVariables(inputs),
        await sign(gridWorker(batch.county)),
      );
      report(inputs.length);
    },
  );
}
