import { Column, Entity } from 'typeorm';
import { StatusChangeColumns } from '@jianguan/platform';
import type { ApplicationStatus } from '../domain/status';

/** The full status history of an application, one row per transition. */
@Entity({ name: 'status_change' })
export class StatusChangeEntity extends StatusChangeColumns<ApplicationStatus> {
  @Column({ type: 'uuid', name: 'application_id' })
  applicationId: string;
}
