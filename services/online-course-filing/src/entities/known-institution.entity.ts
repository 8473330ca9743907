import { Column, Entity } from 'typeorm';
import { KnownInstitutionColumns } from '@jianguan/events';

/**
 * What this service knows of an institution: from registry's InstitutionRegistered, or from the
 * institution part of an imported historical filing (source IMPORT).
 */
@Entity({ name: 'known_institution' })
export class KnownInstitutionEntity extends KnownInstitutionColumns {
  @Column({ type: 'text', name: 'credit_code', nullable: true })
  creditCode: string | null;

  @Column({ type: 'text' })
  source: 'EVENT' | 'IMPORT';
}
