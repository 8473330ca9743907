import type { DataSource } from 'typeorm';
import { shanghaiDay } from '@jianguan/platform';
import { ruleSetInForce } from '../domain/licence-rules';
import {
  auditInstitution,
  lockInstitution,
  reassessCertificates,
  recordClassified,
  snapshot,
} from './institution-state';

const ACTOR = { sub: 'system:registry-reassessment', name: '证照状态定期复核' };
const BATCH = 500;

/**
 * Institutions whose stored certificate status may be out of date on `today`: a licence expired
 * since the last assessment, or a newer rule set is in force.
 */
const STALE = `
  SELECT i.id FROM registry.institution i
   WHERE i.rule_set_version <> $2
      OR EXISTS (SELECT 1 FROM registry.licence l
                  WHERE l.institution_id = i.id AND l.valid_until < $1 AND l.valid_until >= i.assessed_on)
   ORDER BY i.id
   LIMIT $3`;

/**
 * Re-derives the certificate status of every institution that a licence expiry or a new rule set has
 * made stale, one transaction each. A changed status is audited and announced (InstitutionClassified)
 * as any other change would be; running it twice on one day changes nothing the second time.
 * Returns how many institutions changed status.
 */
export async function reassessStaleCertificates(dataSource: DataSource, at = new Date()): Promise<number> {
  const today = shanghaiDay(at);
  const version = ruleSetInForce(at).version;
  let changed = 0;
  for (;;) {
    const rows: { id: string }[] = await dataSource.query(STALE, [today, version, BATCH]);
    if (rows.length === 0) return changed;
    for (const { id } of rows) {
      const didChange = await dataSource.transaction(async (manager) => {
        const institution = await lockInstitution(manager, id);
        const before = snapshot(institution);
        await reassessCertificates(manager, institution, at);
        await manager.save(institution);
        const same =
          before.certificateStatus === institution.certificateStatus &&
          before.missingLicences.join() === institution.missingLicences.join();
        if (same) return false;
        await auditInstitution(manager, institution, {
          actor: ACTOR,
          action: 'reassessCertificates',
          before,
        });
        await recordClassified(manager, institution, 'CERTIFICATES_REASSESSED');
        return true;
      });
      if (didChange) changed += 1;
    }
  }
}
