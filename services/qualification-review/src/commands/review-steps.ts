import { badInput, type Viewer } from '@jianguan/platform';
import type { ApplicationEntity } from '../entities/application.entity';
import { mergeMaterials } from '../domain/materials';
import { applicationStep, type CommandDeps } from './application-state';
import type { RequestMaterialsInput, ResubmitInput } from './inputs';

/** A reviewer takes a submitted application into review and becomes its reviewer. */
export function startReview(
  deps: CommandDeps,
  viewer: Viewer,
  applicationId: string,
  requestId: string,
): Promise<ApplicationEntity> {
  const step = { permission: 'review.decide', transition: 'startReview', action: 'startReview' } as const;
  return applicationStep(deps, viewer, { ...step, applicationId, requestId }, (app, actor) => {
    app.status = 'UNDER_REVIEW';
    app.reviewerId = actor.sub;
    app.reviewerName = actor.name;
    return null;
  });
}

/** Lists what is missing; the clock stops meanwhile when configuration says so. */
export function requestMaterials(
  deps: CommandDeps,
  viewer: Viewer,
  input: RequestMaterialsInput,
  requestId: string,
): Promise<ApplicationEntity> {
  const step = {
    permission: 'review.decide',
    transition: 'requestMaterials',
    action: 'requestMaterials',
  } as const;
  return applicationStep(deps, viewer, { ...step, applicationId: input.applicationId, requestId }, (app) => {
    app.status = 'MATERIALS_REQUESTED';
    app.requestedMaterials = [...new Set(input.items)];
    app.reasons = input.note ? [input.note] : [];
    if (deps.config.REVIEW_PAUSE_CLOCK_ON_MATERIALS_REQUEST) app.clockPausedAt = new Date();
    return input.note;
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
  const step = {
    permission: 'review.apply',
    transition: 'resubmitMaterials',
    action: 'resubmitMaterials',
  } as const;
  const app = await applicationStep(
    deps,
    viewer,
    { ...step, applicationId: input.applicationId, requestId },
    (app) => {
      const given = new Set(input.materials.map((m) => m.type));
      const missing = app.requestedMaterials.filter((type) => !given.has(type));
      if (missing.length > 0) throw badInput('materials', `materials must include ${missing.join(', ')}`);
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
      return null;
    },
  );
  await deps.sla.schedule(app);
  return app;
}

/** The applicant takes back an open application. */
export function withdrawApplication(
  deps: CommandDeps,
  viewer: Viewer,
  input: { applicationId: string; reason: string | null },
  requestId: string,
): Promise<ApplicationEntity> {
  const step = {
    permission: 'review.apply',
    transition: 'withdraw',
    action: 'withdrawQualificationApplication',
  } as const;
  return applicationStep(deps, viewer, { ...step, applicationId: input.applicationId, requestId }, (app) => {
    app.status = 'WITHDRAWN';
    app.clockPausedAt = null;
    if (input.reason) app.reasons = [input.reason];
    return input.reason;
  });
}
