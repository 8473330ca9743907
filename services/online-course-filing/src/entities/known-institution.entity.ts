import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What this service knows of an institution: from registry's InstitutionRegistered, or from the
 * institution part of an imported historical filing (source IMPORT).
 */
@Entity({ name: 'known_institution' })
export class KnownInstitutionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', name: 'credit_code', nullable: true })
  creditCode: string | null;

  @Column({ type: 'text', name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text', nullable: true })
  kind: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text' })
  source: 'EVENT' | 'IMPORT';

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
