import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { EscalationLevel, OrderSource, OrderStatus, Problem } from '../orders/order';

@Entity({ name: 'rectification_order' })
export class RectificationOrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text' })
  source: OrderSource;

  @Column({ type: 'jsonb' })
  problems: Problem[];

  @Column({ type: 'text', name: 'issuing_region_code' })
  issuingRegionCode: string;

  @Column({ type: 'text', name: 'issued_by_id' })
  issuedById: string;

  @Column({ type: 'text', name: 'issued_by_name' })
  issuedByName: string;

  @Column({ type: 'timestamptz', name: 'issued_at' })
  issuedAt: Date;

  /** An absolute instant; reminders and the deadline check are scheduled for it. */
  @Column({ type: 'timestamptz' })
  deadline: Date;

  /** When the current deadline was set (issue or last extension): reminders due before it are skipped. */
  @Column({ type: 'timestamptz', name: 'deadline_set_at' })
  deadlineSetAt: Date;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ type: 'text', name: 'escalation_level', nullable: true })
  escalationLevel: EscalationLevel | null;

  /** When the open escalation case must have an enforcement action recorded. */
  @Column({ type: 'timestamptz', name: 'respond_by', nullable: true })
  respondBy: Date | null;

  @Column({ type: 'timestamptz', name: 'rectified_at', nullable: true })
  rectifiedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', name: 'campaign_id', nullable: true })
  campaignId: string | null;

  /** For orders opened from an event: what opened it, so a redelivered event opens none twice. */
  @Column({ type: 'text', name: 'origin_key', nullable: true })
  originKey: string | null;

  /** Confirmed after the deadline was missed: the black-listing stays until it is removed by decision. */
  @Column({ type: 'boolean', name: 'rectified_late', default: false })
  rectifiedLate: boolean;

  /** The working days the deadline counts from `deadlineSetAt`; null for a date given as such. */
  @Column({ type: 'integer', name: 'deadline_working_days', nullable: true })
  deadlineWorkingDays: number | null;

  /** Counted into a year without its published holiday schedule: recomputed when it is loaded. */
  @Column({ type: 'boolean', name: 'deadline_provisional', default: false })
  deadlineProvisional: boolean;

  @VersionColumn({ type: 'integer' })
  version: number;
}
