import { parseInput, warnProvisionalDeadline } from '@jianguan/platform';
import type { ReviewContext } from '../context';
import { toApplicationNode } from '../api-types';
import { submitApplication } from '../commands/submit-application';
import {
  requestMaterials,
  resubmitMaterials,
  startReview,
  withdrawApplication,
} from '../commands/review-steps';
import { decideQualification } from '../commands/decide-qualification';
import {
  applicationIdInput,
  decideInput,
  requestMaterialsInput,
  resubmitInput,
  submitInput,
  withdrawInput,
} from '../commands/inputs';

type Args<T> = { input: T };

// Each mutation checks who may ask before the input's ids are looked up or their rows locked;
// the command then checks the row (jurisdiction, the institution's own user).

export const mutationResolvers = {
  submitQualificationApplication: async (_: unknown, { input }: Args<unknown>, ctx: ReviewContext) => {
    ctx.viewer.require('review.apply');
    const parsed = parseInput(submitInput, input);
    const app = await submitApplication(ctx.deps, ctx.viewer, parsed, ctx.requestId);
    if (app.dueProvisional) {
      warnProvisionalDeadline(ctx.logger, { applicationId: app.id, dueAt: app.dueAt.toISOString() });
    }
    return toApplicationNode(app);
  },

  startReview: async (_: unknown, args: { applicationId: string }, ctx: ReviewContext) => {
    ctx.viewer.require('review.decide');
    const { applicationId } = parseInput(applicationIdInput, args);
    return toApplicationNode(await startReview(ctx.deps, ctx.viewer, applicationId, ctx.requestId));
  },

  requestMaterials: async (_: unknown, { input }: Args<unknown>, ctx: ReviewContext) => {
    ctx.viewer.require('review.decide');
    const parsed = parseInput(requestMaterialsInput, input);
    return toApplicationNode(await requestMaterials(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },

  resubmitMaterials: async (_: unknown, { input }: Args<unknown>, ctx: ReviewContext) => {
    ctx.viewer.require('review.apply');
    const parsed = parseInput(resubmitInput, input);
    return toApplicationNode(await resubmitMaterials(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },

  decideQualification: async (_: unknown, { input }: Args<unknown>, ctx: ReviewContext) => {
    ctx.viewer.require('review.decide');
    const parsed = parseInput(decideInput, input);
    const { application, permit } = await decideQualification(ctx.deps, ctx.viewer, parsed, ctx.requestId);
    ctx.loaders.permit.prime(application.id, permit);
    return toApplicationNode(application);
  },

  withdrawQualificationApplication: async (
    _: unknown,
    args: { applicationId: string; reason?: string | null },
    ctx: ReviewContext,
  ) => {
    ctx.viewer.require('review.apply');
    const parsed = parseInput(withdrawInput, args);
    return toApplicationNode(await withdrawApplication(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },
};
