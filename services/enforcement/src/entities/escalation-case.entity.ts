import { Entity } from 'typeorm';
import { TextColumn, TimeColumn } from '@jianguan/platform';
import type { CaseLevel } from '../orders/order';
import { OrderRow } from './order-row';

@Entity({ name: 'escalation_case' })
export class EscalationCaseEntity extends OrderRow {
  @TextColumn()
  level: CaseLevel;

  @TextColumn()
  responsibleRegionCode: string;

  @TimeColumn()
  openedAt: Date;

  @TimeColumn()
  respondBy: Date;

  @TextColumn({ nullable: true })
  outcome: 'ACTION_RECORDED' | 'ESCALATED' | 'CLOSED' | 'RECTIFIED_LATE' | null;

  @TimeColumn({ nullable: true })
  resolvedAt: Date | null;
}
