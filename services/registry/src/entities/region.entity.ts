import { Entity } from 'typeorm';
import { RegionColumns, TextColumn } from '@jianguan/platform';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

/** Division codes are hierarchical prefixes: 2 province, 4 city, 6 county, 9 township, 12 village digits. */
@Entity({ name: 'region' })
export class RegionEntity extends RegionColumns {
  @TextColumn()
  level: RegionLevel;

  @TextColumn({ nullable: true })
  parentCode: string | null;
}
