import { z } from 'zod';
import { creditCodeProblem } from '@jianguan/platform';
import { courseInput, institutionInfoInput, personInput, platformInput } from '../commands/inputs';

/** Empty cells are absent values; whole numbers arrive as text. */
const cell = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());
const num = (v: string | undefined): number | string | null => {
  const c = cell(v);
  return c !== null && /^-?\d+$/.test(c) ? Number(c) : c;
};

export const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const commitments = z.array(z.object({ code: z.string().min(1), text: z.string().min(1) }));

/** `CODE:text|CODE:text` */
const splitCommitments = (value: string | undefined) =>
  (value ?? '')
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf(':');
      return at < 0 ? { code: part, text: part } : { code: part.slice(0, at), text: part.slice(at + 1) };
    });

export const institutionRow = z.object({
  /** The registry's id of the institution, when known; otherwise it is matched by credit code. */
  institutionId: z.string().uuid('must be an ID').nullable(),
  creditCode,
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/, 'must be a county-level code or below (6, 9 or 12 digits)'),
  institutionInfo: institutionInfoInput,
  telecomLicence: z.string().nullable(),
  complaintLink: z.string().nullable(),
  userAgreement: z.string().nullable(),
  submittedAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  commitments,
});
export const toInstitutionRow = (r: Record<string, string>) => ({
  institutionId: cell(r.institutionId),
  creditCode: r.creditCode ?? '',
  regionCode: r.regionCode ?? '',
  institutionInfo: {
    name: r.name ?? '',
    creditCode: cell(r.creditCode),
    legalRepresentative: cell(r.legalRepresentative),
    address: cell(r.address),
    contactPhone: cell(r.contactPhone),
  },
  telecomLicence: cell(r.telecomLicence),
  complaintLink: cell(r.complaintLink),
  userAgreement: cell(r.userAgreement),
  submittedAt: r.submittedAt ?? '',
  commitments: splitCommitments(r.commitments),
});

export const platformRow = platformInput.extend({ creditCode });
export const toPlatformRow = (r: Record<string, string>) => ({
  creditCode: r.creditCode ?? '',
  kind: r.kind,
  name: r.name ?? '',
  domain: cell(r.domain),
  icpNumber: cell(r.icpNumber),
  storeIds: (cell(r.storeIds) ?? '').split(';').filter(Boolean),
  accountId: cell(r.accountId),
});

export const personRow = z.object({ creditCode, person: personInput });
export const toPersonRow = (r: Record<string, string>) => ({
  creditCode: r.creditCode ?? '',
  person: {
    name: r.name ?? '',
    idNumber: r.idNumber ?? '',
    role: r.role,
    subject: cell(r.subject),
    teacherCertificateNumber: cell(r.teacherCertificateNumber),
  },
});

export const courseRow = z.object({ creditCode, course: courseInput });
export const toCourseRow = (r: Record<string, string>) => ({
  creditCode: r.creditCode ?? '',
  course: {
    title: r.title ?? '',
    subject: r.subject,
    gradeFrom: num(r.gradeFrom),
    gradeTo: num(r.gradeTo),
    lessonMinutes: num(r.lessonMinutes),
    breakMinutes: num(r.breakMinutes),
    delivery: r.delivery,
    schedule: r.schedule ?? '',
    startTime: r.startTime ?? '',
    endTime: r.endTime ?? '',
    feePerLessonFen: num(r.feePerLessonFen),
    billingMode: r.billingMode,
    prepaidMonths: num(r.prepaidMonths),
    prepaidLessons: num(r.prepaidLessons),
  },
});
