import { z } from 'zod';
import { idNumberProblem } from '@jianguan/platform';
import { BILLING_MODES, DELIVERIES, PERSON_ROLES, PLATFORM_KINDS, SUBJECTS } from '../domain/types';

const uuid = z.string().uuid('must be an ID');
const text = (max = 500) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const minutes = z.number().int().min(0).max(600);

export const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const personInput = z.object({
  name: text(100),
  idNumber,
  role: z.enum(PERSON_ROLES),
  subject: z
    .enum(SUBJECTS)
    .nullish()
    .transform((v) => v ?? null),
  teacherCertificateNumber: optionalText(100),
});
export type PersonInput = z.infer<typeof personInput>;

export const courseInput = z
  .object({
    title: text(200),
    subject: z.enum(SUBJECTS),
    gradeFrom: z.number().int().min(1).max(12),
    gradeTo: z.number().int().min(1).max(12),
    lessonMinutes: minutes.min(1),
    breakMinutes: minutes,
    delivery: z.enum(DELIVERIES),
    schedule: text(500),
    startTime: hhmm,
    endTime: hhmm,
    feePerLessonFen: z.number().int().min(0).max(100_000_000),
    billingMode: z.enum(BILLING_MODES),
    prepaidMonths: z
      .number()
      .int()
      .min(0)
      .max(120)
      .nullish()
      .transform((v) => v ?? null),
    prepaidLessons: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((c, ctx) => {
    if (c.gradeTo < c.gradeFrom)
      ctx.addIssue({ code: 'custom', path: ['gradeTo'], message: 'is below gradeFrom' });
    if (c.endTime <= c.startTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'is not after startTime' });
    if (c.billingMode === 'PREPAID' && c.prepaidMonths === null && c.prepaidLessons === null) {
      ctx.addIssue({ code: 'custom', path: ['prepaidMonths'], message: 'is required for PREPAID billing' });
    }
  });
export type CourseInput = z.infer<typeof courseInput>;

export const platformInput = z.object({
  kind: z.enum(PLATFORM_KINDS),
  name: text(200),
  domain: optionalText(253),
  icpNumber: optionalText(100),
  storeIds: z
    .array(text(200))
    .max(20)
    .nullish()
    .transform((v) => v ?? []),
  accountId: optionalText(200),
});

export const institutionInfoInput = z.object({
  name: text(200),
  creditCode: optionalText(18),
  legalRepresentative: optionalText(100),
  address: optionalText(500),
  contactPhone: optionalText(30),
});

export const businessInfoInput = z.object({
  platforms: z.array(platformInput).max(50),
  telecomLicence: optionalText(100),
  complaintLink: optionalText(500),
  userAgreement: optionalText(500),
});

export const commitmentInput = z.object({ code: text(50), text: text(2000) });

export const submitInput = z.object({
  institutionId: uuid,
  institutionInfo: institutionInfoInput,
  businessInfo: businessInfoInput,
  personnel: z.array(personInput).max(5000),
  courses: z.array(courseInput).max(2000),
  commitments: z.array(commitmentInput).max(50),
  draft: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  submittedAt: z
    .union([
      z.date(),
      z
        .string()
        .datetime({ offset: true })
        .transform((s) => new Date(s)),
    ])
    .nullish()
    .transform((v) => v ?? null),
});
export type SubmitInput = z.infer<typeof submitInput>;

export const filingIdInput = z.object({ filingId: uuid });

export const findingInput = z.object({
  filingId: uuid,
  item: optionalText(200),
  rule: text(100),
  document: text(500),
  description: text(2000),
});
export type FindingInput = z.infer<typeof findingInput>;

export const rejectInput = z.object({
  filingId: uuid,
  reasons: z.array(text(1000)).min(1, 'must give at least one reason to reject').max(20),
});
export type RejectInput = z.infer<typeof rejectInput>;
