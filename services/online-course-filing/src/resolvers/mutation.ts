import { commandMutations } from '@jianguan/platform';
import type { FilingContext } from '../context';
import { toFilingNode } from '../api-types';
import { submitFiling } from '../commands/submit-filing';
import { addFinding, screenFiling } from '../commands/screen-filing';
import { approveFiling, rejectFiling } from '../commands/decide-filing';
import { filingIdInput, findingInput, rejectInput, submitInput } from '../commands/inputs';

// Each mutation checks who may ask before the input's ids are looked up or their rows locked;
// the command then checks the row (jurisdiction, the institution's own user).
const mutation = commandMutations((ctx: FilingContext) => ctx.deps);

/** `(filingId: ID!)` mutations: the commands take the id itself. */
const filingId = filingIdInput.transform((args) => args.filingId);

export const mutationResolvers = {
  submitOnlineFiling: mutation({
    permission: 'filing.submit',
    input: submitInput,
    command: submitFiling,
    toNode: toFilingNode,
  }),
  screenOnlineFiling: mutation({
    permission: 'filing.screen',
    arguments: filingId,
    command: screenFiling,
    toNode: toFilingNode,
  }),
  addScreeningFinding: mutation({
    permission: 'filing.screen',
    input: findingInput,
    command: addFinding,
    toNode: toFilingNode,
  }),
  approveOnlineFiling: mutation({
    permission: 'filing.screen',
    arguments: filingId,
    command: approveFiling,
    toNode: toFilingNode,
  }),
  rejectOnlineFiling: mutation({
    permission: 'filing.screen',
    input: rejectInput,
    command: rejectFiling,
    toNode: toFilingNode,
  }),
};
