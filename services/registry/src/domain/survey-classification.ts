import type { CertificateStatus, InstitutionStatus } from '../entities/institution.entity';
import type { SurveyClassification, SurveyFinding } from '../entities/survey-record.entity';

/** The four survey classes (分类建档) from what the grid worker saw and the licences on record. */
export function classifySurvey(
  finding: SurveyFinding,
  certificateStatus: CertificateStatus,
): SurveyClassification {
  if (finding !== 'OPERATING') return 'CLOSED_OR_NOT_FOUND';
  if (certificateStatus === 'COMPLETE') return 'COMPLETE_CERTIFICATES';
  return certificateStatus === 'INCOMPLETE' ? 'INCOMPLETE_CERTIFICATES' : 'UNLICENSED';
}

/**
 * A survey that finds the institution gone closes it; one that finds a closed institution operating
 * again reopens it. Statuses set by enforcement (rectifying, suspended, banned) are left alone.
 */
export function statusAfterSurvey(current: InstitutionStatus, finding: SurveyFinding): InstitutionStatus {
  if (finding !== 'OPERATING') return current === 'ACTIVE' || current === 'RECTIFYING' ? 'CLOSED' : current;
  return current === 'CLOSED' ? 'ACTIVE' : current;
}
