import type { RegionLevel } from '../entities/region.entity';

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'PROVINCE',
  4: 'CITY',
  6: 'COUNTY',
  9: 'TOWNSHIP',
  12: 'VILLAGE',
};

/** The level a division code stands for, or undefined when its length is not a level's. */
export const levelOfCode = (code: string): RegionLevel | undefined =>
  /^\d+$/.test(code) ? LEVEL_BY_LENGTH[code.length] : undefined;

/** The code of the division directly above, by the prefix rule. */
export function parentCodeOf(code: string): string | null {
  switch (code.length) {
    case 4:
      return code.slice(0, 2);
    case 6:
      return code.slice(0, 4);
    case 9:
      return code.slice(0, 6);
    case 12:
      return code.slice(0, 9);
    default:
      return null;
  }
}
