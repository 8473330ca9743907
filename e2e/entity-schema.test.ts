import { createEnforcementDataSource } from '@jianguan/enforcement';
import { createFilingDataSource } from '@jianguan/online-course-filing';
import { createPublicListDataSource } from '@jianguan/public-list';
import { createReviewDataSource } from '@jianguan/qualification-review';
import { createRegistryDataSource } from '@jianguan/registry';
import { createTestDatabase, type TestDatabase } from '@jianguan/testing';
import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

/**
 * The entities and the migrations describe the same tables. TypeORM's schema builder, asked what it
 * would change to make a freshly migrated database fit the entities, must have nothing to say beyond
 * what the snapshot records (the migrations keep foreign keys, indexes and defaults that the entities
 * do not declare, and a column, campaign.created_at, that no entity maps),
 * and each entity's columns (name, type, nullability, key, default, generation) are pinned, so a change
 * in how the entities declare their columns provably leaves the database as it is.
 */
const services: [string, (url: string) => DataSource][] = [
  ['registry', (url) => createRegistryDataSource(url, { poolSize: 1 })],
  ['qualification-review', (url) => createReviewDataSource(url, { poolSize: 1 })],
  ['online-course-filing', (url) => createFilingDataSource(url, { poolSize: 1 })],
  ['enforcement', (url) => createEnforcementDataSource(url, { poolSize: 1 })],
  ['public-list', (url) => createPublicListDataSource(url, { poolSize: 1 })],
];

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.drop();
});

describe.each(services)('%s entities', (_name, createDataSource) => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createDataSource(db.url).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('ask the migrated database for no change but what the snapshot records', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    // Sorted: the builder lists a table's statements in the order its entity declares the columns.
    expect(sql.upQueries.map((query) => query.query).sort()).toMatchSnapshot();
  });

  it('declare the columns the snapshot records', () => {
    const tables = Object.fromEntries(
      dataSource.entityMetadatas
        .map((entity) => [
          entity.tableName,
          entity.columns
            .map((column) => describeColumn(dataSource, entity, column))
            // Declaration order follows class inheritance, and the tables do not depend on it.
            .sort(),
        ])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    expect(tables).toMatchSnapshot();
  });
});

/** One line per column: its name, type and every trait that reaches the table or the SQL TypeORM writes. */
function describeColumn(dataSource: DataSource, entity: EntityMetadata, column: ColumnMetadata): string {
  const traits = [
    column.databaseName,
    dataSource.driver.normalizeType(column) + (column.isArray ? '[]' : ''),
    column.length ? `length ${column.length}` : '',
    column.isNullable ? 'null' : 'not null',
    column.isPrimary ? 'primary' : '',
    column.isGenerated ? `generated ${column.generationStrategy}` : '',
    column.default === undefined ? '' : `default ${describeDefault(column.default)}`,
    entity.uniques.some((unique) => unique.columns.includes(column)) ? 'unique' : '',
    column.isInsert ? '' : 'no insert',
    column.isUpdate ? '' : 'no update',
    column.isCreateDate ? 'create date' : '',
    column.isUpdateDate ? 'update date' : '',
    column.isVersion ? 'version' : '',
    column.transformer ? 'transformed' : '',
    `property ${column.propertyPath}`,
  ];
  return traits.filter(Boolean).join(', ');
}

/** A default is a value, or a function returning the SQL expression (`() => 'now()'`). */
function describeDefault(value: unknown): string {
  return typeof value === 'function' ? `sql ${String((value as () => unknown)())}` : JSON.stringify(value);
}
