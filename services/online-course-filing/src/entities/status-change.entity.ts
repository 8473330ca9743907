import { Column, Entity } from 'typeorm';
import { StatusChangeColumns } from '@jianguan/platform';
import type { FilingStatus } from '../domain/types';

/** The full status history of a filing, one row per transition. */
@Entity({ name: 'status_change' })
export class StatusChangeEntity extends StatusChangeColumns<FilingStatus> {
  @Column({ type: 'uuid', name: 'filing_id' })
  filingId: string;
}
