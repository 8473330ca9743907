import type { Logger as TypeOrmLogger } from 'typeorm';

/** A TypeORM logger that counts the SQL statements a data source sends, to prove batching. */
export class StatementCounter implements TypeOrmLogger {
  statements: string[] = [];

  get count() {
    return this.statements.length;
  }

  reset() {
    this.statements = [];
  }

  logQuery(query: string) {
    this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}
