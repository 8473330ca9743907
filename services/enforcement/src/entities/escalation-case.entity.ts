import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseLevel } from '../orders/order';

@Entity({ name: 'escalation_case' })
export class EscalationCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'order_id' })
  orderId: string;

  @Column({ type: 'text' })
  level: CaseLevel;

  @Column({ type: 'text', name: 'responsible_region_code' })
  responsibleRegionCode: string;

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt: Date;

  @Column({ type: 'timestamptz', name: 'respond_by' })
  respondBy: Date;

  @Column({ type: 'text', nullable: true })
  outcome: 'ACTION_RECORDED' | 'ESCALATED' | 'CLOSED' | 'RECTIFIED_LATE' | null;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;
}
