import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts the SQL statements a subgraph sends. Unlike libs/testing's StatementCounter it keeps no
 * text, so it can run under load for minutes.
 */
export class StatementTally implements TypeOrmLogger {
  count = 0;
  logQuery() {
    this.count += 1;
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}
