import { Entity } from 'typeorm';
import {
  BooleanColumn,
  CharColumn,
  CreatedTimeColumn,
  DayColumn,
  GeneratedIdRow,
  TextArrayColumn,
  TextColumn,
  TimeColumn,
  VersionNumberColumn,
} from '@jianguan/platform';

export type InstitutionKind = 'OFFLINE' | 'ONLINE';
export type InstitutionCategory = 'SUBJECT' | 'NON_SUBJECT';
export type InstitutionStatus = 'ACTIVE' | 'RECTIFYING' | 'SUSPENDED' | 'BANNED' | 'CLOSED';
export type CertificateStatus = 'COMPLETE' | 'INCOMPLETE' | 'NONE';

@Entity({ name: 'institution' })
export class InstitutionEntity extends GeneratedIdRow {
  @TextColumn()
  name: string;

  /** The unified social credit code (统一社会信用代码): 18 characters. */
  @CharColumn({ length: 18, unique: true })
  creditCode: string;

  @TextColumn()
  kind: InstitutionKind;

  @TextColumn()
  category: InstitutionCategory;

  @TextColumn()
  regionCode: string;

  @TextColumn()
  address: string;

  @TextColumn()
  status: InstitutionStatus;

  @BooleanColumn()
  onNationalPlatform: boolean;

  /** Derived from licences by the rule set; stored so lists and statistics can filter on it. */
  @TextColumn()
  certificateStatus: CertificateStatus;

  @TextArrayColumn()
  missingLicences: string[];

  @TextColumn()
  ruleSetVersion: string;

  /** Shanghai day of the last certificate assessment ('YYYY-MM-DD'); licences expiring after it are re-assessed. */
  @DayColumn()
  assessedOn: string;

  @TimeColumn({ nullable: true })
  trainingStopOrderedAt: Date | null;

  @CreatedTimeColumn()
  registeredAt: Date;

  @VersionNumberColumn()
  version: number;
}
