import { commandMutations, warnProvisionalDeadline } from '@jianguan/platform';
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

// Each mutation checks who may ask before the input's ids are looked up or their rows locked;
// the command then checks the row (jurisdiction, the institution's own user).
const mutation = commandMutations((ctx: ReviewContext) => ctx.deps);

export const mutationResolvers = {
  submitQualificationApplication: mutation({
    permission: 'review.apply',
    input: submitInput,
    command: submitApplication,
    warn: (app, ctx) => {
      if (app.dueProvisional) {
        warnProvisionalDeadline(ctx.logger, { applicationId: app.id, dueAt: app.dueAt.toISOString() });
      }
    },
    toNode: toApplicationNode,
  }),
  startReview: mutation({
    permission: 'review.decide',
    arguments: applicationIdInput.transform((args) => args.applicationId),
    command: startReview,
    toNode: toApplicationNode,
  }),
  requestMaterials: mutation({
    permission: 'review.decide',
    input: requestMaterialsInput,
    command: requestMaterials,
    toNode: toApplicationNode,
  }),
  resubmitMaterials: mutation({
    permission: 'review.apply',
    input: resubmitInput,
    command: resubmitMaterials,
    toNode: toApplicationNode,
  }),
  decideQualification: mutation({
    permission: 'review.decide',
    input: decideInput,
    command: decideQualification,
    prime: ({ application, permit }, ctx) => ctx.loaders.permit.prime(application.id, permit),
    toNode: ({ application }) => toApplicationNode(application),
  }),
  withdrawQualificationApplication: mutation({
    permission: 'review.apply',
    arguments: withdrawInput,
    command: withdrawApplication,
    toNode: toApplicationNode,
  }),
};
