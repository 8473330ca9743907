import {
  conflict,
  isUniqueViolation,
  lockAuthorised,
  readWorkingCalendar,
  timeLimitDeadline,
  type Viewer,
} from '@jianguan/platform';
import { REVIEW_SCHEMA } from '../data-source';
import { ApplicationEntity } from '../entities/application.entity';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import { chooseTrack } from '../domain/track';
import { saveTransition, type CommandDeps } from './application-state';
import type { SubmitInput } from './inputs';

/**
 * Opens an application. The track comes from what the survey found (classified approval) and sets
 * the statutory time limit; the reminder and escalation are scheduled once the row is committed.
 */
export async function submitApplication(
  deps: CommandDeps,
  viewer: Viewer,
  input: SubmitInput,
  requestId: string,
): Promise<ApplicationEntity> {
  let app: ApplicationEntity;
  try {
    app = await deps.dataSource.transaction(async (manager) => {
      // FOR SHARE: applications of one institution may be submitted side by side.
      const { row: institution, actor } = await lockAuthorised(manager, viewer, 'review.apply', {
        entity: KnownInstitutionEntity,
        id: input.institutionId,
        what: 'Institution',
        mode: 'pessimistic_read',
      });
      const now = new Date();
      const track = chooseTrack(institution);
      const limit =
        track === 'ACCELERATED' ? deps.config.REVIEW_ACCELERATED_LIMIT : deps.config.REVIEW_STANDARD_LIMIT;
      const due = timeLimitDeadline(now, limit, await readWorkingCalendar(manager, REVIEW_SCHEMA));
      const created = manager.create(ApplicationEntity, {
        institutionId: institution.id,
        regionCode: institution.regionCode,
        type: input.type,
        status: 'SUBMITTED',
        track,
        materials: input.materials.map((m) => ({ ...m, submittedAt: now.toISOString() })),
        requestedMaterials: [],
        reasons: [],
        submittedAt: now,
        dueAt: due.at,
        dueWorkingDays: limit.unit === 'workingDays' ? limit.count : null,
        dueProvisional: due.provisional,
        clockPausedAt: null,
        submittedBy: actor.sub,
        reviewerId: null,
        reviewerName: null,
        decision: null,
        decidedAt: null,
      });
      return saveTransition(
        manager,
        created,
        null,
        null,
        actor,
        'submitQualificationApplication',
        null,
        requestId,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(`The institution already has an open ${input.type} application`);
    }
    throw error;
  }
  await deps.sla.schedule(app);
  return app;
}
