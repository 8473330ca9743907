import { Entity } from 'typeorm';
import { CreatedTimeColumn, DayColumn, InstitutionRow, TextColumn } from '@jianguan/platform';

export const LICENCE_TYPES = [
  'SCHOOL_PERMIT',
  'BUSINESS_LICENCE',
  'PRIVATE_NON_ENTERPRISE_CERTIFICATE',
  'FIRE_SAFETY_CLEARANCE',
  'ICP_FILING',
  'TELECOM_LICENCE',
  'NETWORK_SECURITY_LEVEL_PROTECTION',
] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

@Entity({ name: 'licence' })
export class LicenceEntity extends InstitutionRow {
  @TextColumn()
  type: LicenceType;

  @TextColumn()
  number: string;

  @TextColumn()
  issuedBy: string;

  /** Calendar dates as 'YYYY-MM-DD' strings: a licence is valid for whole days. */
  @DayColumn()
  issuedOn: string;

  @DayColumn({ nullable: true })
  validUntil: string | null;

  @CreatedTimeColumn()
  recordedAt: Date;
}
