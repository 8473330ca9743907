import {
  Column,
  CreateDateColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type ColumnOptions,
  type ColumnType,
} from 'typeorm';

/**
 * Property decorators for entity columns. The migrations name every column in snake case after the
 * entity's property (`institutionId` is `institution_id`), so each decorator derives the column's name
 * from the property it decorates and fixes its Postgres type; an entity says only what differs
 * (nullable, a default, an array, a primary key). Typing a column once here, rather than in each
 * entity's options, keeps an entity's declaration to what its table has of its own.
 */

/** `institutionId` → `institution_id`. */
export const snakeCase = (property: string): string =>
  property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** What an entity may say of a column besides its type and name. */
export type ColumnTraits = Pick<
  ColumnOptions,
  'primary' | 'nullable' | 'default' | 'insert' | 'update' | 'array' | 'unique' | 'length' | 'transformer'
>;

/** A decorator maker for columns of one Postgres type (and options every such column has). */
function columnOfType(type: ColumnType, fixed: ColumnOptions = {}) {
  return (traits: ColumnTraits = {}): PropertyDecorator =>
    (target, property) =>
      Column({ type, name: snakeCase(String(property)), ...fixed, ...traits })(target, property);
}

export const TextColumn = columnOfType('text');
/** Fixed-length text (char(n)); give its `length`. */
export const CharColumn = columnOfType('char');
export const TextArrayColumn = columnOfType('text', { array: true });
export const UuidColumn = columnOfType('uuid');
export const IntColumn = columnOfType('integer');
/** Postgres returns bigint as a string (it may not fit a number). */
export const BigIntColumn = columnOfType('bigint');
export const BooleanColumn = columnOfType('boolean');
export const JsonColumn = columnOfType('jsonb');
/** An instant (timestamptz). */
export const TimeColumn = columnOfType('timestamptz');
/** A calendar day (date), read and written as 'YYYY-MM-DD'. */
export const DayColumn = columnOfType('date');

/** The instant the row was inserted, set by the database's default. */
export const CreatedTimeColumn = (): PropertyDecorator => (target, property) =>
  CreateDateColumn({ type: 'timestamptz', name: snakeCase(String(property)) })(target, property);

/** The instant the row was last written, set by TypeORM on every save. */
export const UpdatedTimeColumn = (): PropertyDecorator => (target, property) =>
  UpdateDateColumn({ type: 'timestamptz', name: snakeCase(String(property)) })(target, property);

/** The optimistic-lock counter TypeORM increments on every save. */
export const VersionNumberColumn = (): PropertyDecorator => (target, property) =>
  VersionColumn({ type: 'integer', name: snakeCase(String(property)) })(target, property);

/** A row keyed by a uuid the database generates. */
export abstract class GeneratedIdRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;
}

/** A row about one institution (its registry id). */
export abstract class InstitutionRow extends GeneratedIdRow {
  @UuidColumn()
  institutionId: string;
}

/** A row about one institution, filed under the region it is in (for jurisdiction checks and lists). */
export abstract class RegionalInstitutionRow extends InstitutionRow {
  @TextColumn()
  regionCode: string;
}

/** The columns `ActedBy('issued', Base)` adds: `issuedById`, `issuedByName` and `issuedAt`. */
export type ActedByColumns<Act extends string> = Record<`${Act}ById` | `${Act}ByName`, string> &
  Record<`${Act}At`, Date>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AbstractClass<T = object> = abstract new (...args: any[]) => T;

/**
 * Adds who did an act and when (`<act>_by_id`, `<act>_by_name`, `<act>_at`) to an entity base: an
 * order is issued, a penalty decided, a case published, each by an official whose id and name are
 * kept as they were then. A mixin, because the act's name differs and the bases differ.
 */
export function ActedBy<Act extends string, Base extends AbstractClass>(act: Act, Base: Base) {
  abstract class WithAct extends Base {}
  TextColumn()(WithAct.prototype, `${act}ById`);
  TextColumn()(WithAct.prototype, `${act}ByName`);
  TimeColumn()(WithAct.prototype, `${act}At`);
  return WithAct as unknown as Base & AbstractClass<ActedByColumns<Act>>;
}

/**
 * A request an institution submits for a decision (a permit application, an online-course filing): its
 * status, who submitted it, when it was decided and the reasons given, kept under optimistic locking.
 */
export abstract class SubmissionRow<Status extends string> extends RegionalInstitutionRow {
  @TextColumn()
  status: Status;

  @TextColumn()
  submittedBy: string;

  @TimeColumn({ nullable: true })
  decidedAt: Date | null;

  @TextArrayColumn()
  reasons: string[];

  @CreatedTimeColumn()
  createdAt: Date;

  @VersionNumberColumn()
  version: number;
}

/** An administrative division (its code and name): the registry's regions and the public list's copy. */
export abstract class RegionColumns {
  @TextColumn({ primary: true })
  code: string;

  @TextColumn()
  name: string;
}
