import { commandMutations } from '@jianguan/platform';
import type { RegistryContext } from '../context';
import { toInstitutionNode } from '../api-types';
import { registerInstitution } from '../commands/register-institution';
import { recordLicence } from '../commands/record-licence';
import { recordSurvey } from '../commands/record-survey';
import { joinNationalPlatform } from '../commands/join-national-platform';
import { idInput, recordLicenceInput, recordSurveyInput, registerInstitutionInput } from '../commands/inputs';

const mutation = commandMutations((ctx: RegistryContext) => ctx.dataSource);

export const mutationResolvers = {
  registerInstitution: mutation({
    permission: 'registry.survey',
    input: registerInstitutionInput,
    // The region is the record here: a surveyor registers institutions of their own jurisdiction.
    command: (dataSource, viewer, input, requestId) =>
      registerInstitution(
        dataSource,
        viewer.requireOn('registry.survey', { regionCode: input.regionCode }),
        input,
        requestId,
      ),
    toNode: toInstitutionNode,
  }),
  recordLicence: mutation({
    permission: 'registry.write',
    input: recordLicenceInput,
    command: recordLicence,
    toNode: toInstitutionNode,
  }),
  recordSurvey: mutation({
    permission: 'registry.survey',
    input: recordSurveyInput,
    command: recordSurvey,
    toNode: (survey) => ({ ...survey }),
  }),
  joinNationalPlatform: mutation({
    permission: 'registry.write',
    arguments: idInput.transform((args) => args.institutionId),
    command: joinNationalPlatform,
    toNode: toInstitutionNode,
  }),
};
