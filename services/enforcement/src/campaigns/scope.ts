import type { Problem } from '../orders/order';
import type { CampaignEntity } from '../entities/campaign.entity';
import type { KnownInstitutionEntity } from '../entities/known-institution.entity';

/** What a campaign can be aimed at (the Qinghai action: incomplete certificates, not on the platform). */
export const CAMPAIGN_PROBLEMS = ['INCOMPLETE_CERTIFICATES', 'NOT_ON_NATIONAL_PLATFORM'] as const;
export type CampaignProblem = (typeof CAMPAIGN_PROBLEMS)[number];

type Classified = Pick<
  KnownInstitutionEntity,
  'kind' | 'certificateStatus' | 'missingLicences' | 'onNationalPlatform'
>;
type Scope = Pick<CampaignEntity, 'kinds' | 'problems'>;

const notOnPlatform = (i: Classified) =>
  i.onNationalPlatform === false || (i.missingLicences ?? []).includes('NATIONAL_PLATFORM');

/**
 * The problems a campaign's order names for an institution, or none when it is out of scope: each
 * missing licence, being off the national platform, or plain "incomplete" when no licence is named.
 */
export function campaignProblemsOf(institution: Classified, campaign: Scope): Problem[] {
  if (campaign.kinds && (!institution.kind || !campaign.kinds.includes(institution.kind))) return [];
  const problems: Problem[] = [];
  const incomplete =
    institution.certificateStatus === 'INCOMPLETE' || institution.certificateStatus === 'NONE';
  if (campaign.problems.includes('INCOMPLETE_CERTIFICATES') && incomplete) {
    const licences = (institution.missingLicences ?? []).filter((l) => l !== 'NATIONAL_PLATFORM');
    problems.push(
      ...licences.map((licence) => ({
        code: `MISSING_${licence}`,
        description: `缺少证照：${licence}`,
        field: null,
      })),
    );
    if (licences.length === 0 && !notOnPlatform(institution)) {
      problems.push({ code: 'INCOMPLETE_CERTIFICATES', description: '证照不全', field: null });
    }
  }
  if (campaign.problems.includes('NOT_ON_NATIONAL_PLATFORM') && notOnPlatform(institution)) {
    problems.push({
      code: 'NOT_ON_NATIONAL_PLATFORM',
      description: '未纳入全国校外培训监管与服务综合平台',
      field: null,
    });
  }
  return problems;
}

/** The same scope as SQL over enforcement.known_institution `i` ($kinds, $problems), for enrolment. */
export const IN_SCOPE_SQL = (kinds: string, problems: string) => `
  ($${kinds}::text[] IS NULL OR i.kind = ANY($${kinds}::text[]))
  AND ((('INCOMPLETE_CERTIFICATES' = ANY($${problems}::text[])) AND i.certificate_status IN ('INCOMPLETE','NONE'))
    OR (('NOT_ON_NATIONAL_PLATFORM' = ANY($${problems}::text[]))
        AND (i.on_national_platform = false OR 'NATIONAL_PLATFORM' = ANY(i.missing_licences))))`;
