import { Entity } from 'typeorm';
import { StatusChangeColumns, UuidColumn } from '@jianguan/platform';
import type { ApplicationStatus } from '../domain/status';

/** The full status history of an application, one row per transition. */
@Entity({ name: 'status_change' })
export class StatusChangeEntity extends StatusChangeColumns<ApplicationStatus> {
  @UuidColumn()
  applicationId: string;
}
