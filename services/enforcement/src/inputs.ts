import { z } from 'zod';
import { regionCodeInput } from '@jianguan/platform';
import { ORDER_SOURCES } from './orders/order';
import { PENALTY_EFFECTS, PENALTY_TYPES } from '@jianguan/events';
import { CAMPAIGN_PROBLEMS } from './campaigns/scope';

const uuid = z.string().uuid('must be an ID');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const instant = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 instant' });
    return z.NEVER;
  }
  return date;
});

export const problemInput = z.object({
  code: text(100),
  description: text(2000),
  field: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => v || null),
});

/** The deadline is given either as an instant or as N working days from now (Chinese calendar). */
const deadlineChoice = {
  deadline: instant.nullish(),
  deadlineWorkingDays: z.number().int().min(1).max(1250).nullish(),
};
const oneDeadline = (
  input: { deadline?: Date | null; deadlineWorkingDays?: number | null; campaignId?: string | null },
  ctx: z.RefinementCtx,
) => {
  const given = Number(input.deadline != null) + Number(input.deadlineWorkingDays != null);
  // Within a campaign the campaign's default deadline applies when none is given.
  if (given > 1 || (given === 0 && !input.campaignId)) {
    ctx.addIssue({
      code: 'custom',
      path: ['deadline'],
      message: 'give either deadline or deadlineWorkingDays',
    });
  }
};

export const issueInput = z
  .object({
    institutionId: uuid,
    source: z.enum(ORDER_SOURCES),
    problems: z.array(problemInput).min(1, 'must name at least one problem').max(100),
    campaignId: uuid.nullish(),
    ...deadlineChoice,
  })
  .superRefine(oneDeadline);
export type IssueInput = z.infer<typeof issueInput>;

export const confirmInput = z.object({ orderId: uuid, evidence: text(5000) });
export type ConfirmInput = z.infer<typeof confirmInput>;

export const extendInput = z
  .object({ orderId: uuid, reason: text(2000), ...deadlineChoice })
  .superRefine(oneDeadline);
export type ExtendInput = z.infer<typeof extendInput>;

export const actionInput = z.object({ orderId: uuid, description: text(5000) });
export type ActionInput = z.infer<typeof actionInput>;

export const campaignInput = z
  .object({
    name: text(200),
    regionCode: regionCodeInput,
    startsAt: instant,
    endsAt: instant,
    defaultDeadline: instant,
    kinds: z
      .array(z.enum(['OFFLINE', 'ONLINE']))
      .min(1)
      .nullish(),
    problems: z.array(z.enum(CAMPAIGN_PROBLEMS)).min(1).nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.endsAt.getTime() <= input.startsAt.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    }
  });
export type CampaignInput = z.infer<typeof campaignInput>;

export const ONLINE_MEASURES = [
  'SUSPEND_PLATFORM',
  'REMOVE_APPS',
  'CLOSE_WECHAT_ACCOUNTS',
  'CLOSE_MINI_PROGRAMS',
];

export const penaltyInput = z
  .object({
    institutionId: uuid,
    orderId: uuid.nullish(),
    type: z.enum(PENALTY_TYPES),
    amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullish(),
    description: text(5000),
    legalBasis: text(1000),
    endsAt: instant.nullish(),
  })
  .superRefine((input, ctx) => {
    const { term, label } = PENALTY_EFFECTS[input.type];
    if (term === 'REQUIRED' && input.endsAt == null) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `${label}须给出截止时间（endsAt）` });
    }
    if (term === 'NONE' && input.endsAt != null) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `${label}没有期限，不能给出 endsAt` });
    }
    if (input.endsAt != null && input.endsAt.getTime() <= Date.now()) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt 须晚于现在' });
    }
    const monetary = input.type === 'FINE' || input.type === 'CONFISCATION';
    if (monetary && input.amountFen == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountFen'],
        message: 'is required for fines and confiscations',
      });
    }
    if (!monetary && input.amountFen != null) {
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: 'is only for fines and confiscations' });
    }
  });
export type PenaltyInput = z.infer<typeof penaltyInput>;

export const patrolCardInput = z.object({
  institutionId: uuid,
  card: z.enum(['REMINDER', 'YELLOW']),
  reason: text(2000),
});
export type PatrolCardInput = z.infer<typeof patrolCardInput>;

export const typicalCaseInput = z
  .object({
    institutionId: uuid.nullish(),
    regionCode: regionCodeInput.nullish(),
    title: text(200),
    summary: text(10_000),
  })
  .superRefine((input, ctx) => {
    if (!input.institutionId && !input.regionCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['regionCode'],
        message: 'is required for a case about no one institution',
      });
    }
  });
export type TypicalCaseInput = z.infer<typeof typicalCaseInput>;

export const removalInput = z.object({ institutionId: uuid, reason: text(2000) });

/** A referral by hand to discipline inspection: who did not act, the facts, and where the evidence is. */
export const referralInput = z.object({
  /** The region whose officials or unit did not act (a division code in any form). */
  regionCode: regionCodeInput,
  responsibleUnit: text(200),
  /** Named officials; empty when the referral is of the unit or region as such. */
  officers: z.array(text(50)).max(50),
  facts: z.string().trim().min(10, 'must state the facts (at least 10 characters)').max(10_000),
  evidence: z.array(text(500)).min(1, 'must name at least one piece of evidence').max(100),
  /** The institution the failure concerns, when there is one. */
  institutionId: uuid.nullish(),
});
export type ReferralInput = z.infer<typeof referralInput>;
