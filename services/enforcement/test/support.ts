import type { DataSource } from 'typeorm';

/**
 * Inserts `count` institutions of Chengdong district and one OPEN order each (as issueRectificationOrder
 * would have left them), with the given deadline; returns the order ids.
 */
export async function insertOrders(dataSource: DataSource, count: number, deadline: Date, setAt: Date) {
  const rows: { id: string }[] = await dataSource.query(
    `WITH inst AS (
       INSERT INTO enforcement.known_institution (id, name, region_code)
       SELECT gen_random_uuid(), '培训机构' || n, '630102001001' FROM generate_series(1, $1) AS n
       RETURNING id, region_code
     )
     INSERT INTO enforcement.rectification_order
            (institution_id, region_code, source, problems, issuing_region_code, issued_by_id, issued_by_name,
             issued_at, deadline, deadline_set_at, status)
     SELECT id, region_code, 'SURVEY', '[{"code":"NO_PERMIT","description":"未取得办学许可证","field":null}]',
            '630102', 'officer-wang', '王执法', $3, $2, $3, 'OPEN'
       FROM inst
     RETURNING id`,
    [count, deadline, setAt],
  );
  return rows.map((r) => r.id);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}
