import { z } from 'zod';
import { creditCodeProblem } from '@jianguan/platform';
import { LICENCE_TYPES } from '../entities/licence.entity';

const uuid = z.string().uuid('must be an ID');
const creditCode = z.string().superRefine((code, ctx) => {
  const problem = creditCodeProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** Institutions are registered at county level or below (6, 9 or 12 digits). */
const localRegionCode = z
  .string()
  .regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a county, township or village code');
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const registerInstitutionInput = z.object({
  name: text(2, 200),
  creditCode,
  kind: z.enum(['OFFLINE', 'ONLINE']),
  category: z.enum(['SUBJECT', 'NON_SUBJECT']),
  regionCode: localRegionCode,
  address: text(2, 500),
  onNationalPlatform: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});
export type RegisterInstitutionInput = z.infer<typeof registerInstitutionInput>;

export const recordLicenceInput = z
  .object({
    institutionId: uuid,
    type: z.enum(LICENCE_TYPES),
    number: text(1, 100),
    issuedBy: text(2, 200),
    issuedOn: z.string(),
    validUntil: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((licence, ctx) => {
    if (licence.validUntil !== null && licence.validUntil < licence.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before issuedOn' });
    }
  });
export type RecordLicenceInput = z.infer<typeof recordLicenceInput>;

export const recordSurveyInput = z.object({
  institutionId: uuid,
  surveyedAt: z.date(),
  gridCode: localRegionCode,
  finding: z.enum(['OPERATING', 'CLOSED', 'NOT_FOUND']),
  notes: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v || null),
});
export type RecordSurveyInput = z.infer<typeof recordSurveyInput>;

export const idInput = z.object({ institutionId: uuid });
