export type ReviewTrack = 'ACCELERATED' | 'STANDARD';

/** What this service knows of an institution's last classification (from registry events). */
export interface Classification {
  certificateStatus: string | null;
  missingLicences: string[] | null;
  surveyFinding: string | null;
}

/**
 * Classified approval: an institution the survey classified, that operates and lacks nothing but
 * the school-running permit (or nothing at all, e.g. for a renewal) is otherwise qualified and goes
 * on the accelerated track; everything else — unsurveyed, unlicensed, closed, missing other
 * licences — on the standard track.
 */
export function chooseTrack(classification: Classification): ReviewTrack {
  const { certificateStatus, missingLicences, surveyFinding } = classification;
  if (!certificateStatus || !missingLicences || !surveyFinding) return 'STANDARD';
  if (surveyFinding === 'CLOSED_OR_NOT_FOUND' || surveyFinding === 'UNLICENSED') return 'STANDARD';
  return missingLicences.every((licence) => licence === 'SCHOOL_PERMIT') ? 'ACCELERATED' : 'STANDARD';
}
