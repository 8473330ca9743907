import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

/** Division codes are hierarchical prefixes: 2 province, 4 city, 6 county, 9 township, 12 village digits. */
@Entity({ name: 'region' })
export class RegionEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: RegionLevel;

  @Column({ type: 'text', name: 'parent_code', nullable: true })
  parentCode: string | null;
}
