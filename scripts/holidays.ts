/**
 * `pnpm holidays --file SCHEDULE.json --token TOKEN [--gateway URL]`
 *
 * Loads a year's official holiday schedule (国务院办公厅部分节假日安排的通知) through the graph's
 * `loadHolidaySchedule` mutation, as the admin whose token it is: the load is audited under that name
 * with the notice, and the departments recount the provisional deadlines. The file is checked here
 * first, with the same rules the graph applies. docs/examples/holiday-schedule-2027.json shows the shape.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { holidayScheduleInput } from '@jianguan/platform';

const USAGE = `用法：pnpm -s holidays --file 节假日安排.json --token 令牌 [--gateway http://127.0.0.1:4000/graphql]

  --file     一年的节假日安排：{"year", "holidays": [放假日期…], "workdays": [调休上班日期…], "notice": 通知文号或标题}
  --token    管理员令牌（如 TOKEN=$(pnpm -s token --scopes admin --region 63)）
  --gateway  网关地址（默认 http://127.0.0.1:4000/graphql）`;

const LOAD = `mutation Load($input: HolidayScheduleInput!) {
  loadHolidaySchedule(input: $input) { year holidays workdays notice loadedAt }
}`;

const argsSchema = z.object({
  file: z.string({ error: '缺少 --file' }),
  token: z.string({ error: '缺少 --token' }).min(20, '--token 不是令牌'),
  gateway: z.url('--gateway 须为网址').default('http://127.0.0.1:4000/graphql'),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main() {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: { file: { type: 'string' }, token: { type: 'string' }, gateway: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const args = argsSchema.safeParse(values);
  if (!args.success) fail(args.error.issues.map((issue) => issue.message).join('\n'));
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(args.data.file, 'utf8'));
  } catch (error) {
    fail(`无法读取 ${args.data.file}：${(error as Error).message}`);
  }
  const schedule = holidayScheduleInput.safeParse(json);
  if (!schedule.success)
    fail(schedule.error.issues.map((i) => `${i.path.join('.')}：${i.message}`).join('\n'));

  const response = await fetch(args.data.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${args.data.token}` },
    body: JSON.stringify({ query: LOAD, variables: { input: schedule.data } }),
  });
  const body = (await response.json()) as {
    data?: {
      loadHolidaySchedule: { year: number; holidays: string[]; workdays: string[]; loadedAt: string };
    };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length) {
    process.stderr.write(
      body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n') + '\n',
    );
    process.exit(1);
  }
  const loaded = body.data!.loadHolidaySchedule;
  process.stdout.write(
    `已载入 ${loaded.year} 年节假日安排：放假 ${loaded.holidays.length} 天，调休上班 ${loaded.workdays.length} 天（${loaded.loadedAt}）。\n` +
      '各部门将据此重新计算尚未届满的暂定期限。\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
