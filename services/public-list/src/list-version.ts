import type { EntityManager } from 'typeorm';

/**
 * Anything the public can see may have changed: bumps the version cached answers are keyed by (the
 * subgraph's own cache reads it per request; the worker announces it to the gateway after commit).
 */
export const bumpListVersion = (manager: EntityManager) =>
  manager.query(`UPDATE public_list.list_state SET version = version + 1, changed_at = now() WHERE id = 1`);
