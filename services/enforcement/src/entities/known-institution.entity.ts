import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What enforcement knows of an institution, kept from registry events; either may arrive first. */
@Entity({ name: 'known_institution' })
export class KnownInstitutionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text', nullable: true })
  kind: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text', name: 'certificate_status', nullable: true })
  certificateStatus: string | null;

  @Column({ type: 'text', array: true, name: 'missing_licences', nullable: true })
  missingLicences: string[] | null;

  @Column({ type: 'boolean', name: 'on_national_platform', nullable: true })
  onNationalPlatform: boolean | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
