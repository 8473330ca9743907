import type { EntityManager } from 'typeorm';
import {
  badInput,
  conflict,
  isUniqueViolation,
  lockAuthorised,
  SCOPES,
  type Viewer,
} from '@jianguan/platform';
import { FilingEntity } from '../entities/filing.entity';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import { PersonEntity } from '../entities/person.entity';
import { CourseEntity } from '../entities/course.entity';
import { FindingEntity } from '../entities/finding.entity';
import type { FilingStatus } from '../domain/types';
import { insertCourses, insertPersonnel } from './bulk';
import { ruleSetAt } from './rule-sets';
import { lockFiling, requireTransition, saveTransition, snapshot, type CommandDeps } from './filing-state';
import type { SubmitInput } from './inputs';

/** Only officials recording a filing they received may date it, and not in the future. */
function requireSubmittedAtAllowed(viewer: Viewer, submittedAt: Date | null | undefined): void {
  const claims = viewer.requireUser();
  if (!submittedAt) return;
  if (claims.institutionId || !viewer.hasScope(SCOPES.filingSubmit)) {
    throw badInput('submittedAt', 'submittedAt may only be given by officials recording a received filing');
  }
  if (submittedAt.getTime() > Date.now()) throw badInput('submittedAt', 'submittedAt is in the future');
}

/** A re-filing replaces the parts and closes the earlier findings; the history keeps what was. */
async function clearForRefiling(manager: EntityManager, filing: FilingEntity): Promise<void> {
  await manager.delete(PersonEntity, { filingId: filing.id });
  await manager.delete(CourseEntity, { filingId: filing.id });
  await manager.update(FindingEntity, { filingId: filing.id, open: true }, { open: false });
  await manager.save(filing);
}

/**
 * Files an ONLINE institution's filing, or re-files it after rectification or rejection (the parts
 * are replaced, earlier findings closed, history kept). The rule set in force at submission is fixed here.
 */
export async function submitFiling(
  deps: CommandDeps,
  viewer: Viewer,
  input: SubmitInput,
  requestId: string,
): Promise<FilingEntity> {
  requireSubmittedAtAllowed(viewer, input.submittedAt);
  try {
    return await deps.dataSource.transaction(async (manager) => {
      const { row: institution, actor } = await lockAuthorised(manager, viewer, 'filing.submit', {
        entity: KnownInstitutionEntity,
        id: input.institutionId,
        what: 'Institution',
      });
      if (institution.kind !== 'ONLINE') {
        throw badInput('institutionId', 'Only ONLINE institutions file online training');
      }
      const submittedAt = input.draft ? null : (input.submittedAt ?? new Date());
      const ruleSet = submittedAt ? await ruleSetAt(manager, submittedAt) : null;
      const status: FilingStatus = input.draft ? 'DRAFT' : 'SUBMITTED';
      const fields = {
        regionCode: institution.regionCode,
        status,
        institutionInfo: input.institutionInfo,
        businessInfo: input.businessInfo,
        commitments: input.commitments,
        ruleSetVersion: ruleSet?.version ?? null,
        submittedAt,
        submittedBy: actor.sub,
        screenedAt: null,
        decidedAt: null,
        reasons: [],
      };

      const existing = await manager.getRepository(FilingEntity).findOneBy({ institutionId: institution.id });
      let filing: FilingEntity;
      let before: ReturnType<typeof snapshot> | null = null;
      let from: FilingStatus | null = null;
      if (existing) {
        filing = await lockFiling(manager, existing.id);
        requireTransition('submit', filing);
        before = snapshot(filing);
        from = filing.status;
        Object.assign(filing, fields);
        await clearForRefiling(manager, filing);
      } else {
        filing = await manager.save(
          manager.create(FilingEntity, { institutionId: institution.id, ...fields }),
        );
      }
      await insertPersonnel(
        manager,
        input.personnel.map((p, i) => ({ ...p, filingId: filing.id, line: i + 1 })),
      );
      await insertCourses(
        manager,
        input.courses.map((c, i) => ({ ...c, filingId: filing.id, line: i + 1 })),
      );
      return saveTransition(
        manager,
        filing,
        before,
        from,
        actor,
        'submitOnlineFiling',
        ruleSet ? `规则版本 ${ruleSet.version}` : null,
        requestId,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('The institution is filing at the same moment; try again');
    throw error;
  }
}
