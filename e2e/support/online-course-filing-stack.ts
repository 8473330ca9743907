import { registryService } from '@jianguan/registry';
import { onlineCourseFilingService } from '@jianguan/online-course-filing';
import { QINGHAI } from '@jianguan/testing';
import type { FilingShape } from './online-course-filing-operations';
import { useFederationStack, useOfficials } from './stack';

type Result = {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
};

/** The one filing a result holds (its errors, when any, fail the test). */
export const filing = (result: Result): FilingShape => {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data as Record<string, FilingShape>)[0];
};

/**
 * What the online-course-filing e2e files share: the registry and online-course-filing with their
 * workers behind the gateway, the officials (a registry officer, screeners of Chengdong and
 * Chengzhong, a reader of Xining, a submitting window), and the outbox rows of a filing.
 */
export function useOnlineCourseFilingStack() {
  const { federation, db } = useFederationStack({
    services: [registryService, onlineCourseFilingService],
    workers: true,
    env: { OUTBOX_POLL_MS: '200' },
  });
  const tokens = useOfficials({
    registryOfficer: { scopes: ['registry:write', 'registry:read'], regionCode: QINGHAI.chengdong },
    screener: ['screener-li', '李筛查', ['filing:screen', 'filing:read'], QINGHAI.chengdong],
    reader: ['reader', '只读', ['filing:read'], QINGHAI.xining],
    submitter: ['window', '窗口', ['filing:submit'], QINGHAI.chengdong],
    otherCountyScreener: ['screener-zhao', '赵筛查', ['filing:screen'], QINGHAI.chengzhong],
  });

  const outboxOf = async (filingId: string, type: string) =>
    (
      await db.query(
        `SELECT payload, published_at FROM online_course_filing.outbox WHERE type = $1 AND payload->>'filingId' = $2`,
        [type, filingId],
      )
    ).rows as { payload: Record<string, unknown>; published_at: Date | null }[];

  return { federation, db, tokens, outboxOf };
}
