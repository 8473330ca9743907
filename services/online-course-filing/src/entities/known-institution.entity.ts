import { Entity } from 'typeorm';
import { TextColumn } from '@jianguan/platform';
import { KnownInstitutionColumns } from '@jianguan/events';

/**
 * What this service knows of an institution: from registry's InstitutionRegistered, or from the
 * institution part of an imported historical filing (source IMPORT).
 */
@Entity({ name: 'known_institution' })
export class KnownInstitutionEntity extends KnownInstitutionColumns {
  @TextColumn({ nullable: true })
  creditCode: string | null;

  @TextColumn()
  source: 'EVENT' | 'IMPORT';
}
