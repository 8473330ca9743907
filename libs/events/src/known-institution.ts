import type { EntityManager } from 'typeorm';
import { TextArrayColumn, TextColumn, UpdatedTimeColumn, UuidColumn } from '@jianguan/platform';
import type { EventEnvelope } from './envelope';
import type { EventHandler } from './consumer';

/**
 * The `known_institution` read model: what a department knows of an institution from the registry's
 * events (InstitutionRegistered, InstitutionClassified), in its own schema. Either event may arrive
 * first, so every column but the id and region may be empty. Each service keeps the columns below and
 * adds what it needs (its entity extends this class, its table gets the extra columns).
 */
export abstract class KnownInstitutionColumns {
  @UuidColumn({ primary: true })
  id: string;

  @TextColumn({ nullable: true })
  name: string | null;

  @TextColumn()
  regionCode: string;

  @TextColumn({ nullable: true })
  kind: string | null;

  @TextColumn({ nullable: true })
  category: string | null;

  @UpdatedTimeColumn()
  updatedAt: Date;
}

/** The read model of a department that follows certificates (enforcement, qualification review). */
export abstract class KnownInstitutionWithCertificates extends KnownInstitutionColumns {
  @TextColumn({ nullable: true })
  certificateStatus: string | null;

  @TextArrayColumn({ nullable: true })
  missingLicences: string[] | null;
}

/** Their own columns in the migration's `CREATE TABLE`. */
export const CERTIFICATE_COLUMNS = [
  `certificate_status text CHECK (certificate_status IN ('COMPLETE','INCOMPLETE','NONE'))`,
  'missing_licences text[]',
];

/** The migration's `CREATE TABLE`: the common columns, then the service's own (SQL column definitions). */
export function createKnownInstitutionTable(schema: string, ownColumns: string[] = []): string {
  return `CREATE TABLE ${schema}.known_institution (
        id uuid PRIMARY KEY,
        name text,
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2,12}$'),
        kind text CHECK (kind IN ('OFFLINE','ONLINE')),
        category text CHECK (category IN ('SUBJECT','NON_SUBJECT')),
        ${[...ownColumns, 'updated_at timestamptz NOT NULL DEFAULT now()'].join(',\n        ')}
      )`;
}

/** Every field a read model may keep, and its column. */
const COLUMNS = {
  name: 'name',
  creditCode: 'credit_code',
  regionCode: 'region_code',
  kind: 'kind',
  category: 'category',
  certificateStatus: 'certificate_status',
  missingLicences: 'missing_licences',
  surveyFinding: 'survey_finding',
  onNationalPlatform: 'on_national_platform',
  source: 'source',
} as const;
export type KnownInstitutionField = keyof typeof COLUMNS;

/**
 * Inserts or updates one institution's row with the given fields only, so an event that knows less
 * (a classification before the registration) never blanks what another event wrote.
 */
export async function keepKnownInstitution(
  manager: EntityManager,
  schema: string,
  id: string,
  fields: Partial<Record<KnownInstitutionField, unknown>> & { regionCode: string },
): Promise<void> {
  const names = Object.keys(fields) as KnownInstitutionField[];
  const columns = names.map((field) => COLUMNS[field]);
  const placeholders = names.map((_, i) => `$${i + 2}`);
  await manager.query(
    `INSERT INTO ${schema}.known_institution (id, ${columns.join(', ')})
     VALUES ($1, ${placeholders.join(', ')})
     ON CONFLICT (id) DO UPDATE
       SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()`,
    [id, ...names.map((field) => fields[field])],
  );
}

type Registered = EventEnvelope<'InstitutionRegistered'>['payload'];
type Classified = EventEnvelope<'InstitutionClassified'>['payload'];

/** What every department keeps of a registration. */
export const registeredFields = (p: Registered) => ({
  name: p.name,
  regionCode: p.regionCode,
  kind: p.kind,
  category: p.category,
});

/** What a department that follows certificates keeps of a classification. */
export const classifiedFields = (p: Classified) => ({
  regionCode: p.regionCode,
  certificateStatus: p.certificateStatus,
  missingLicences: p.missingLicences,
});

type OwnFields<P> = (payload: P) => Partial<Record<Exclude<KnownInstitutionField, 'regionCode'>, unknown>>;
const NONE = () => ({});

/** A read model's handler of a registry fact: the fields every department keeps (`common`) and its `own`. */
const keeping =
  <T extends 'InstitutionRegistered' | 'InstitutionClassified'>(
    common: (
      payload: EventEnvelope<T>['payload'],
    ) => Partial<Record<KnownInstitutionField, unknown>> & { regionCode: string },
  ) =>
  (schema: string, own: OwnFields<EventEnvelope<T>['payload']> = NONE): EventHandler<T> =>
  (manager, { payload }) =>
    keepKnownInstitution(manager, schema, payload.institutionId, { ...common(payload), ...own(payload) });

/** A read model's InstitutionRegistered handler: the common fields and the department's `own` ones. */
export const keepRegistration = keeping<'InstitutionRegistered'>(registeredFields);

/** A read model's InstitutionClassified handler (a department that follows certificates), likewise. */
export const keepClassification = keeping<'InstitutionClassified'>(classifiedFields);
