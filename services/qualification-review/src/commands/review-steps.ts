import { badInput, type Viewer } from '@jianguan/platform';
import type { ApplicationEntity } from '../entities/application.entity';
import { mergeMaterials } from '../domain/materials';
import {
  lockApplication,
  requireTransition,
  saveTransition,
  snapshot,
  type CommandDeps,
} from './application-state';
import type { RequestMaterialsInput, ResubmitInput } from './inputs';

/** A reviewer takes a submitted application into review and becomes its reviewer. */
export async function startReview(
  deps: CommandDeps,
  viewer: Viewer,
  applicationId: string,
  requestId: string,
): Promise<ApplicationEntity> {
  return deps.dataSource.transaction(async (manager) => {
    const { row: app, actor } = await lockApplication(manager, viewer, 'review.decide', applicationId);
    requireTransition('startReview', app);
    const before = snapshot(app);
    app.status = 'UNDER_REVIEW';
    app.reviewerId = actor.sub;
    app.reviewerName = actor.name;
    return saveTransition(manager, app, before, before.status, actor, 'startReview', null, requestId);
  });
}

/** Lists what is missing; the clock stops meanwhile when configuration says so. */
export async function requestMaterials(
  deps: CommandDeps,
  viewer: Viewer,
  input: RequestMaterialsInput,
  requestId: string,
): Promise<ApplicationEntity> {
  return deps.dataSource.transaction(async (manager) => {
    const { row: app, actor } = await lockApplication(manager, viewer, 'review.decide', input.applicationId);
    requireTransition('requestMaterials', app);
    const before = snapshot(app);
    app.status = 'MATERIALS_REQUESTED';
    app.requestedMaterials = [...new Set(input.items)];
    app.reasons = input.note ? [input.note] : [];
    if (deps.config.REVIEW_PAUSE_CLOCK_ON_MATERIALS_REQUEST) app.clockPausedAt = new Date();
    return saveTransition(
      manager,
      app,
      before,
      before.status,
      actor,
      'requestMaterials',
      input.note,
      requestId,
    );
  });
}

/**
 * The institution supplies what was requested; review resumes. A paused clock restarts with the
 * time it stood still added to dueAt, which makes the old reminder jobs stale and schedules new ones.
 */
export async function resubmitMaterials(
  deps: CommandDeps,
  viewer: Viewer,
  input: ResubmitInput,
  requestId: string,
): Promise<ApplicationEntity> {
  const app = await deps.dataSource.transaction(async (manager) => {
    const { row: app, actor } = await lockApplication(manager, viewer, 'review.apply', input.applicationId);
    requireTransition('resubmitMaterials', app);
    const given = new Set(input.materials.map((m) => m.type));
    const missing = app.requestedMaterials.filter((type) => !given.has(type));
    if (missing.length > 0) throw badInput('materials', `materials must include ${missing.join(', ')}`);
    const before = snapshot(app);
    const now = new Date();
    app.materials = mergeMaterials(
      app.materials,
      input.materials.map((m) => ({ ...m, submittedAt: now.toISOString() })),
    );
    app.status = 'UNDER_REVIEW';
    app.requestedMaterials = [];
    if (app.clockPausedAt) {
      app.dueAt = new Date(app.dueAt.getTime() + (now.getTime() - app.clockPausedAt.getTime()));
      app.clockPausedAt = null;
    }
    return saveTransition(manager, app, before, before.status, actor, 'resubmitMaterials', null, requestId);
  });
  await deps.sla.schedule(app);
  return app;
}

/** The applicant takes back an open application. */
export async function withdrawApplication(
  deps: CommandDeps,
  viewer: Viewer,
  input: { applicationId: string; reason: string | null },
  requestId: string,
): Promise<ApplicationEntity> {
  return deps.dataSource.transaction(async (manager) => {
    const { row: app, actor } = await lockApplication(manager, viewer, 'review.apply', input.applicationId);
    requireTransition('withdraw', app);
    const before = snapshot(app);
    app.status = 'WITHDRAWN';
    app.clockPausedAt = null;
    if (input.reason) app.reasons = [input.reason];
    return saveTransition(
      manager,
      app,
      before,
      before.status,
      actor,
      'withdrawQualificationApplication',
      input.reason,
      requestId,
    );
  });
}
