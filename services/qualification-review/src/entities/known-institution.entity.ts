import { Entity } from 'typeorm';
import { TextColumn } from '@jianguan/platform';
import { KnownInstitutionWithCertificates } from '@jianguan/events';

/** What this service knows of an institution, kept from registry events; either may arrive first. */
@Entity({ name: 'known_institution' })
export class KnownInstitutionEntity extends KnownInstitutionWithCertificates {
  /** The grid survey's finding, which decides an application's review track (domain/track.ts). */
  @TextColumn({ nullable: true })
  surveyFinding: string | null;
}
