import type { EntityManager } from 'typeorm';

/**
 * What the registry does with other departments' decisions. Filled in as those departments land:
 * QualificationApproved records the school-running permit; InstitutionBlacklisted bans the
 * institution and records that all training is ordered to stop.
 */
export const registryEventHandlers: Record<string, (manager: EntityManager, envelope: unknown) => Promise<void>> = {};
