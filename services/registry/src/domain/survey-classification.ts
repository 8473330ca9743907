import type { CertificateStatus } from '../entities/institution.entity';
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
