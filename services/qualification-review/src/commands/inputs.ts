import { z } from 'zod';
import { APPLICATION_TYPES, MATERIAL_TYPES } from '../domain/materials';

const uuid = z.string().uuid('must be an ID');
const material = z.object({
  type: z.enum(MATERIAL_TYPES),
  documentRef: z.string().trim().min(1).max(500),
  contentHash: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 hex digest')
    .transform((h) => h.toLowerCase()),
});
const materials = z
  .array(material)
  .max(50)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if (seen.has(m.type)) ctx.addIssue({ code: 'custom', path: [i, 'type'], message: 'is given twice' });
      seen.add(m.type);
    });
  });

export const submitInput = z.object({
  institutionId: uuid,
  type: z.enum(APPLICATION_TYPES),
  materials,
});
export type SubmitInput = z.infer<typeof submitInput>;

export const applicationIdInput = z.object({ applicationId: uuid });

export const requestMaterialsInput = z.object({
  applicationId: uuid,
  items: z.array(z.enum(MATERIAL_TYPES)).min(1, 'must name at least one material').max(20),
  note: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v || null),
});
export type RequestMaterialsInput = z.infer<typeof requestMaterialsInput>;

export const resubmitInput = z.object({ applicationId: uuid, materials: materials.min(1) });
export type ResubmitInput = z.infer<typeof resubmitInput>;

export const decideInput = z
  .object({
    applicationId: uuid,
    decision: z.enum(['APPROVE', 'REJECT']),
    reasons: z
      .array(z.string().trim().min(1).max(1000))
      .max(20)
      .nullish()
      .transform((v) => v ?? []),
    expectedVersion: z.number().int().positive().nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'REJECT' && input.reasons.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'must give at least one reason to reject' });
    }
  });
export type DecideInput = z.infer<typeof decideInput>;

export const withdrawInput = z.object({
  applicationId: uuid,
  reason: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v || null),
});
