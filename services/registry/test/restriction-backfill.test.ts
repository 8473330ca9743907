import { QINGHAI, validCreditCode } from '@jianguan/testing';
import { useRegistryDatabase } from './support';

/**
 * The restriction migration on a real database that holds institutions from before it: those banned
 * or suspended keep their status through one active restriction each, the others get none.
 */
const bed = useRegistryDatabase(1);

/** Undoes migrations, newest first, up to and including the one named. */
async function undoThrough(name: string) {
  for (;;) {
    const [last] = await bed.dataSource.query(
      `SELECT name FROM registry.migrations ORDER BY id DESC LIMIT 1`,
    );
    await bed.dataSource.undoLastMigration();
    if (last.name === name) return;
  }
}

it('backfills one active restriction for every banned or suspended institution', async () => {
  await undoThrough('Restrictions1763800000004');
  const ids: Record<string, string> = {};
  for (const status of ['ACTIVE', 'RECTIFYING', 'SUSPENDED', 'BANNED', 'CLOSED']) {
    const [{ id }] = await bed.dataSource.query(
      `INSERT INTO registry.institution (name, credit_code, kind, category, region_code, address, status,
         certificate_status, missing_licences, rule_set_version)
       VALUES ('城东区旧档培训学校', $1, 'OFFLINE', 'SUBJECT', $2, '北关街 1 号', $3, 'NONE', '{}', 'test')
       RETURNING id`,
      [validCreditCode(), QINGHAI.beiguanCommunity, status],
    );
    ids[status] = id;
  }

  await bed.dataSource.runMigrations();

  const rows = await bed.dataSource.query(
    `SELECT institution_id, source, status, active FROM registry.restriction ORDER BY status`,
  );
  expect(rows).toEqual([
    { institution_id: ids.BANNED, source: 'blacklist:legacy', status: 'BANNED', active: true },
    { institution_id: ids.SUSPENDED, source: 'legacy:suspended', status: 'SUSPENDED', active: true },
  ]);
});
