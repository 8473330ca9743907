import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationStatus } from '../domain/status';

/** The full status history of an application, one row per transition. */
@Entity({ name: 'status_change' })
export class StatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'application_id' })
  applicationId: string;

  @Column({ type: 'text', name: 'from_status', nullable: true })
  fromStatus: ApplicationStatus | null;

  @Column({ type: 'text', name: 'to_status' })
  toStatus: ApplicationStatus;

  @Column({ type: 'text', name: 'actor_id' })
  actorId: string;

  @Column({ type: 'text', name: 'actor_name' })
  actorName: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
