import { randomUUID } from 'node:crypto';
import { shanghaiDay } from '@jianguan/platform';
import { assessCertificates } from '../domain/certificate-status';
import { ruleSetInForce } from '../domain/licence-rules';
import { classifySurvey } from '../domain/survey-classification';
import { deriveInstitutionStatus } from '../domain/institution-status';
import type { CertificateStatus, InstitutionStatus } from '../entities/institution.entity';
import type { SurveyClassification } from '../entities/survey-record.entity';
import type { LicenceCell, SurveyRow } from './survey-file';

/** A checked row with everything the registry derives for it, ready to insert. */
export interface PlannedInstitution {
  id: string;
  row: SurveyRow;
  /** The row's licences with the ids they are stored under. */
  licences: (LicenceCell & { id: string })[];
  /** The id of its survey record, when surveyed. */
  surveyId: string | null;
  status: InstitutionStatus;
  certificateStatus: CertificateStatus;
  missingLicences: string[];
  ruleSetVersion: string;
  assessedOn: string;
  classification: SurveyClassification | null;
}

/**
 * What registerInstitution, recordLicence and recordSurvey together would leave: the certificates
 * assessed with the rule set in force now, the status after the survey, and its classification.
 * The rule set and the day are looked up once for the whole file.
 */
export function institutionPlanner(now: Date): (row: SurveyRow) => PlannedInstitution {
  const ruleSet = ruleSetInForce(now);
  const assessedOn = shanghaiDay(now);
  return (row) => {
    const assessment = assessCertificates(row, row.licences, ruleSet, now);
    return {
      id: randomUUID(),
      row,
      licences: row.licences.map((licence) => ({ ...licence, id: randomUUID() })),
      surveyId: row.survey ? randomUUID() : null,
      // A new institution: no measure or order yet, so only the survey decides.
      status: deriveInstitutionStatus({
        closedBySurvey: row.survey ? row.survey.finding !== 'OPERATING' : false,
        restrictions: [],
        openOrders: 0,
      }),
      certificateStatus: assessment.certificateStatus,
      missingLicences: assessment.missing,
      ruleSetVersion: assessment.ruleSetVersion,
      assessedOn,
      classification: row.survey ? classifySurvey(row.survey.finding, assessment.certificateStatus) : null,
    };
  };
}
