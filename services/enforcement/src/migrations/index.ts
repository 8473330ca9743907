import { Initial1764100000000 } from './1764100000000-initial';

export const enforcementMigrations = [Initial1764100000000];
