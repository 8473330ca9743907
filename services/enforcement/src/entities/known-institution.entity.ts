import { Entity } from 'typeorm';
import { BooleanColumn } from '@jianguan/platform';
import { KnownInstitutionWithCertificates } from '@jianguan/events';

/** What enforcement knows of an institution, kept from registry events; either may arrive first. */
@Entity({ name: 'known_institution' })
export class KnownInstitutionEntity extends KnownInstitutionWithCertificates {
  /** Whether the institution is on the national platform (a campaign's scope can ask for it). */
  @BooleanColumn({ nullable: true })
  onNationalPlatform: boolean | null;
}
