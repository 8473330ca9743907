import type { DataSource } from 'typeorm';
import { badInput, type Viewer } from '@jianguan/platform';
import { RegionEntity } from '../entities/region.entity';
import { SurveyRecordEntity } from '../entities/survey-record.entity';
import { classifySurvey } from '../domain/survey-classification';
import { deriveInstitutionStatus } from '../domain/institution-status';
import { statusFacts } from './rederive-status';
import {
  auditInstitution,
  lockInstitutionFor,
  reassessCertificates,
  recordClassified,
  snapshot,
} from './institution-state';
import type { RecordSurveyInput } from './inputs';

/** Surveys may be entered a little after the fact, but never ahead of the clock. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export async function recordSurvey(
  dataSource: DataSource,
  viewer: Viewer,
  input: RecordSurveyInput,
  requestId: string,
): Promise<SurveyRecordEntity> {
  const now = new Date();
  if (input.surveyedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badInput('surveyedAt', 'surveyedAt must not be in the future');
  }
  return dataSource.transaction(async (manager) => {
    const { row: institution, actor } = await lockInstitutionFor(
      manager,
      viewer,
      'registry.survey',
      input.institutionId,
    );
    viewer.requireRegion(input.gridCode);
    if (!input.gridCode.startsWith(institution.regionCode.slice(0, 6))) {
      throw badInput('gridCode', "gridCode must lie within the institution's county");
    }
    if (!(await manager.existsBy(RegionEntity, { code: input.gridCode }))) {
      throw badInput('gridCode', `gridCode ${input.gridCode} is not a known division code`);
    }
    const before = snapshot(institution);
    await reassessCertificates(manager, institution, now);
    // This survey is the verdict on closure; measures in force and open orders still come first.
    const facts = await statusFacts(manager, institution);
    institution.status = deriveInstitutionStatus({ ...facts, closedBySurvey: input.finding !== 'OPERATING' });
    await manager.save(institution);
    const survey = await manager.save(
      manager.create(SurveyRecordEntity, {
        ...input,
        surveyorId: actor.sub,
        surveyorName: actor.name,
        classification: classifySurvey(input.finding, institution.certificateStatus),
      }),
    );
    await auditInstitution(manager, institution, {
      actor,
      action: 'recordSurvey',
      before,
      after: { ...snapshot(institution), survey: { ...survey } },
      requestId,
    });
    await recordClassified(manager, institution, survey.classification);
    return survey;
  });
}
