import { forbidden, type Claims, type Viewer } from '@jianguan/platform';

/** Who a notice is for, as its `recipient` names it (notify.ts writes ROLE:<id or region code>). */
export type RecipientRole = 'INSTITUTION' | 'DEPARTMENT' | 'DISCIPLINE_INSPECTION';

export interface Recipient {
  role: RecipientRole;
  /** The region of a department or discipline inspection body; null for an institution. */
  regionCode: string | null;
  institutionId: string | null;
  /** As a person reads it. */
  label: string;
}

const ROLE_NAME: Record<RecipientRole, string> = {
  INSTITUTION: '培训机构',
  DEPARTMENT: '教育行政主管部门',
  DISCIPLINE_INSPECTION: '纪检监察机关',
};

export function recipientOf(recipient: string): Recipient {
  const [role, subject] = recipient.split(':') as [RecipientRole, string];
  return role === 'INSTITUTION'
    ? { role, regionCode: null, institutionId: subject, label: ROLE_NAME[role] }
    : { role, regionCode: subject, institutionId: null, label: `${ROLE_NAME[role]}（${subject}）` };
}

/**
 * Only the recipient marks a notice read: the institution's own user, an enforcement official whose
 * jurisdiction covers the department's region, or a discipline inspector covering the body's region.
 */
export function requireRecipient(viewer: Viewer, recipient: Recipient): Claims {
  if (recipient.role === 'INSTITUTION') {
    const claims = viewer.requireUser();
    if (claims.institutionId !== recipient.institutionId) throw forbidden('只有通知的接收方可以确认已读');
    return claims;
  }
  const permission = recipient.role === 'DEPARTMENT' ? 'enforcement.list' : 'discipline.list';
  viewer.requireListRegion(permission, recipient.regionCode);
  return viewer.requireUser();
}
