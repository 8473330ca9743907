import { parseInput } from '@jianguan/platform';
import type { RegistryContext } from '../context';
import { toInstitutionNode } from '../api-types';
import { registerInstitution } from '../commands/register-institution';
import { recordLicence } from '../commands/record-licence';
import { recordSurvey } from '../commands/record-survey';
import { joinNationalPlatform } from '../commands/join-national-platform';
import { idInput, recordLicenceInput, recordSurveyInput, registerInstitutionInput } from '../commands/inputs';

type Args<T> = { input: T };

export const mutationResolvers = {
  registerInstitution: async (_: unknown, { input }: Args<unknown>, ctx: RegistryContext) => {
    ctx.viewer.require('registry.survey');
    const parsed = parseInput(registerInstitutionInput, input);
    const actor = ctx.viewer.requireOn('registry.survey', { regionCode: parsed.regionCode });
    return toInstitutionNode(await registerInstitution(ctx.dataSource, actor, parsed, ctx.requestId));
  },

  recordLicence: async (_: unknown, { input }: Args<unknown>, ctx: RegistryContext) => {
    ctx.viewer.require('registry.write');
    const parsed = parseInput(recordLicenceInput, input);
    return toInstitutionNode(await recordLicence(ctx.dataSource, ctx.viewer, parsed, ctx.requestId));
  },

  recordSurvey: async (_: unknown, { input }: Args<unknown>, ctx: RegistryContext) => {
    ctx.viewer.require('registry.survey');
    const parsed = parseInput(recordSurveyInput, input);
    const survey = await recordSurvey(ctx.dataSource, ctx.viewer, parsed, ctx.requestId);
    return { ...survey };
  },

  joinNationalPlatform: async (_: unknown, args: { institutionId: string }, ctx: RegistryContext) => {
    ctx.viewer.require('registry.write');
    const { institutionId } = parseInput(idInput, args);
    return toInstitutionNode(
      await joinNationalPlatform(ctx.dataSource, ctx.viewer, institutionId, ctx.requestId),
    );
  },
};
