import { Entity } from 'typeorm';
import {
  ActedBy,
  BooleanColumn,
  IntColumn,
  JsonColumn,
  RegionalInstitutionRow,
  TextColumn,
  TimeColumn,
  UuidColumn,
  VersionNumberColumn,
} from '@jianguan/platform';
import type { EscalationLevel, OrderSource, OrderStatus, Problem } from '../orders/order';

@Entity({ name: 'rectification_order' })
export class RectificationOrderEntity extends ActedBy('issued', RegionalInstitutionRow) {
  @TextColumn()
  source: OrderSource;

  @JsonColumn()
  problems: Problem[];

  @TextColumn()
  issuingRegionCode: string;

  /** An absolute instant; reminders and the deadline check are scheduled for it. */
  @TimeColumn()
  deadline: Date;

  /** When the current deadline was set (issue or last extension): reminders due before it are skipped. */
  @TimeColumn()
  deadlineSetAt: Date;

  @TextColumn()
  status: OrderStatus;

  @TextColumn({ nullable: true })
  escalationLevel: EscalationLevel | null;

  /** When the open escalation case must have an enforcement action recorded. */
  @TimeColumn({ nullable: true })
  respondBy: Date | null;

  @TimeColumn({ nullable: true })
  rectifiedAt: Date | null;

  @TextColumn({ nullable: true })
  evidence: string | null;

  @TimeColumn({ nullable: true })
  closedAt: Date | null;

  @UuidColumn({ nullable: true })
  campaignId: string | null;

  /** For orders opened from an event: what opened it, so a redelivered event opens none twice. */
  @TextColumn({ nullable: true })
  originKey: string | null;

  /** Confirmed after the deadline was missed: the black-listing stays until it is removed by decision. */
  @BooleanColumn({ default: false })
  rectifiedLate: boolean;

  /** The working days the deadline counts from `deadlineSetAt`; null for a date given as such. */
  @IntColumn({ nullable: true })
  deadlineWorkingDays: number | null;

  /** Counted into a year without its published holiday schedule: recomputed when it is loaded. */
  @BooleanColumn({ default: false })
  deadlineProvisional: boolean;

  @VersionNumberColumn()
  version: number;
}
