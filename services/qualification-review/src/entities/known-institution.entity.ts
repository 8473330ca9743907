import { Column, Entity } from 'typeorm';
import { KnownInstitutionWithCertificates } from '@jianguan/events';

/** What this service knows of an institution, kept from registry events; either may arrive first. */
@Entity({ name: 'known_institution' })
export class KnownInstitutionEntity extends KnownInstitutionWithCertificates {
  /** The grid survey's finding, which decides an application's review track (domain/track.ts). */
  @Column({ type: 'text', name: 'survey_finding', nullable: true })
  surveyFinding: string | null;
}
