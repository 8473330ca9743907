import { parseInput } from '@jianguan/platform';
import type { FilingContext } from '../context';
import { toFilingNode } from '../api-types';
import { submitFiling } from '../commands/submit-filing';
import { addFinding, screenFiling } from '../commands/screen-filing';
import { approveFiling, rejectFiling } from '../commands/decide-filing';
import { filingIdInput, findingInput, rejectInput, submitInput } from '../commands/inputs';

type Args<T> = { input: T };

// Each mutation checks who may ask before the input's ids are looked up or their rows locked;
// the command then checks the row (jurisdiction, the institution's own user).

export const mutationResolvers = {
  submitOnlineFiling: async (_: unknown, { input }: Args<unknown>, ctx: FilingContext) => {
    ctx.viewer.require('filing.submit');
    const parsed = parseInput(submitInput, input);
    return toFilingNode(await submitFiling(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },

  screenOnlineFiling: async (_: unknown, args: { filingId: string }, ctx: FilingContext) => {
    ctx.viewer.require('filing.screen');
    const { filingId } = parseInput(filingIdInput, args);
    return toFilingNode(await screenFiling(ctx.deps, ctx.viewer, filingId, ctx.requestId));
  },

  addScreeningFinding: async (_: unknown, { input }: Args<unknown>, ctx: FilingContext) => {
    ctx.viewer.require('filing.screen');
    const parsed = parseInput(findingInput, input);
    return toFilingNode(await addFinding(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },

  approveOnlineFiling: async (_: unknown, args: { filingId: string }, ctx: FilingContext) => {
    ctx.viewer.require('filing.screen');
    const { filingId } = parseInput(filingIdInput, args);
    return toFilingNode(await approveFiling(ctx.deps, ctx.viewer, filingId, ctx.requestId));
  },

  rejectOnlineFiling: async (_: unknown, { input }: Args<unknown>, ctx: FilingContext) => {
    ctx.viewer.require('filing.screen');
    const parsed = parseInput(rejectInput, input);
    return toFilingNode(await rejectFiling(ctx.deps, ctx.viewer, parsed, ctx.requestId));
  },
};
