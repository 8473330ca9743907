import { Entity } from 'typeorm';
import { StatusChangeColumns, UuidColumn } from '@jianguan/platform';
import type { FilingStatus } from '../domain/types';

/** The full status history of a filing, one row per transition. */
@Entity({ name: 'status_change' })
export class StatusChangeEntity extends StatusChangeColumns<FilingStatus> {
  @UuidColumn()
  filingId: string;
}
