import { Entity, type EntityManager } from 'typeorm';
import { CreatedTimeColumn, GeneratedIdRow, JsonColumn, TextColumn } from './columns';
import type { Claims } from './auth';

/** The audit table's name in every service's schema. */
export const AUDIT_TABLE = 'audit_record';

/** One append-only line per mutation: who did what, and the record before and after. */
@Entity({ name: AUDIT_TABLE })
export class AuditRecord extends GeneratedIdRow {
  @TextColumn()
  actorId: string;

  @TextColumn()
  actorName: string;

  @TextColumn()
  action: string;

  @TextColumn()
  entityType: string;

  @TextColumn()
  entityId: string;

  @JsonColumn({ nullable: true })
  before: object | null;

  @JsonColumn({ nullable: true })
  after: object | null;

  @TextColumn({ nullable: true })
  requestId: string | null;

  @CreatedTimeColumn()
  at: Date;
}

export interface AuditEntry {
  actor: Pick<Claims, 'sub' | 'name'>;
  action: string;
  entityType: string;
  entityId: string;
  before: object | null;
  after: object | null;
  requestId?: string;
}

/** Writes the audit line with the caller's manager, so it commits or rolls back with the change. */
export async function writeAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await writeAudits(manager, [entry]);
}

/** The audit line of a record just created: nothing before, the saved row's own fields after. */
export function writeCreationAudit(
  manager: EntityManager,
  entry: Omit<AuditEntry, 'entityId' | 'before' | 'after'> & { created: { id: string } },
): Promise<void> {
  const { created, ...line } = entry;
  return writeAudit(manager, { ...line, entityId: created.id, before: null, after: { ...created } });
}

/** Writes many audit lines in one statement (a batch step's), in the caller's transaction. */
export async function writeAudits(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const json = (value: object | null) => (value === null ? null : JSON.stringify(value));
  await manager.query(
    `INSERT INTO ${manager.dataSource.getMetadata(AuditRecord).tablePath}
            (actor_id, actor_name, action, entity_type, entity_id, before, after, request_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                          $7::jsonb[], $8::text[])`,
    [
      entries.map((e) => e.actor.sub),
      entries.map((e) => e.actor.name),
      entries.map((e) => e.action),
      entries.map((e) => e.entityType),
      entries.map((e) => e.entityId),
      entries.map((e) => json(e.before)),
      entries.map((e) => json(e.after)),
      entries.map((e) => e.requestId ?? null),
    ],
  );
}

/** DDL for a service's audit table; a trigger refuses UPDATE and DELETE so the log stays append-only. */
export function auditTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".audit_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      actor_id text NOT NULL,
      actor_name text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      before jsonb,
      after jsonb,
      request_id text,
      at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX audit_record_entity ON "${schema}".audit_record (entity_type, entity_id, at)`,
    `CREATE FUNCTION "${schema}".audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'audit_record is append-only'; END $$`,
    `CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON "${schema}".audit_record
     FOR EACH ROW EXECUTE FUNCTION "${schema}".audit_record_append_only()`,
  ];
}
