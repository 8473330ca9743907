import type { DataSource } from 'typeorm';
import { requireRegionCode } from '@jianguan/platform';
import { toPublicEntries } from './public-entries';
import { lastChangeIn } from './list-stats';

export type OpenDataFormat = 'CSV' | 'JSON';

const COLUMNS = [
  ['list', '名单'],
  ['name', '机构名称'],
  ['creditCode', '统一社会信用代码'],
  ['regionCode', '行政区划代码'],
  ['regionName', '所在地区'],
  ['reason', '列入原因'],
  ['since', '列入时间'],
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The current white and black lists of a region's subtree (开放数据), with the time of the last change. */
export async function openDataExport(dataSource: DataSource, requested: string, format: OpenDataFormat) {
  const regionCode = requireRegionCode('regionCode', requested);
  const rows = (await dataSource.query(
    `SELECT name, credit_code, kind, region_code, list, reason, reason_code, since FROM public_list.listing
     WHERE credit_code IS NOT NULL AND name IS NOT NULL AND list IN ('WHITE', 'BLACK')
       AND region_code LIKE $1
     ORDER BY list DESC, name, credit_code`,
    [`${regionCode}%`],
  )) as never[];
  const entries = await toPublicEntries(dataSource, rows);
  const lastChangedAt = await lastChangeIn(dataSource, regionCode);
  const generatedAt = new Date();
  const records = entries.map((e) => ({
    list: e.list!, // the query selects WHITE and BLACK only
    name: e.name,
    creditCode: e.creditCode,
    regionCode: e.regionCode,
    regionName: e.regionName,
    reason: e.reason,
    since: e.since.toISOString(),
  }));
  const content =
    format === 'JSON'
      ? JSON.stringify({
          regionCode,
          lastChangedAt: lastChangedAt?.toISOString() ?? null,
          generatedAt: generatedAt.toISOString(),
          entries: records,
        })
      : // BOM so spreadsheet programs read the Chinese as UTF-8.
        '\ufeff' +
        [
          COLUMNS.map(([, title]) => title).join(','),
          ...records.map((r) => COLUMNS.map(([key]) => csvCell(r[key])).join(',')),
        ].join('\r\n') +
        '\r\n';
  return {
    regionCode,
    format,
    contentType: format === 'JSON' ? 'application/json' : 'text/csv; charset=utf-8',
    fileName: `public-list-${regionCode}-${generatedAt.toISOString().slice(0, 10)}.${format.toLowerCase()}`,
    content,
    count: records.length,
    lastChangedAt,
    generatedAt,
  };
}
