import type { EntityManager } from 'typeorm';

/** The NOTIFY channel a list change is announced on, delivered only when its transaction commits. */
export const LIST_VERSION_CHANNEL = 'public_list_version';

/**
 * Anything the public can see may have changed: bumps the version cached answers are keyed by, and
 * tells listeners (the announcer, for the gateway's cache) once the transaction commits.
 */
export const bumpListVersion = (manager: EntityManager) =>
  manager.query(
    `WITH bumped AS (
       UPDATE public_list.list_state SET version = version + 1, changed_at = now() WHERE id = 1 RETURNING version
     )
     SELECT pg_notify('${LIST_VERSION_CHANNEL}', version::text) FROM bumped`,
  );
