import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FilingStatus } from '../domain/types';

/** The full status history of a filing, one row per transition. */
@Entity({ name: 'status_change' })
export class StatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'filing_id' })
  filingId: string;

  @Column({ type: 'text', name: 'from_status', nullable: true })
  fromStatus: FilingStatus | null;

  @Column({ type: 'text', name: 'to_status' })
  toStatus: FilingStatus;

  @Column({ type: 'text', name: 'actor_id' })
  actorId: string;

  @Column({ type: 'text', name: 'actor_name' })
  actorName: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
