import { QINGHAI, tokenFor } from '@jianguan/testing';
import {
  APPLICATION,
  DECIDE,
  materials,
  RESUBMIT,
  REVIEW_QUEUE,
  START_REVIEW,
  SUBMIT,
  WITHDRAW,
  type ApplicationShape,
} from './support/qualification-review-operations';
import { app, codeOf, useQualificationReviewStack } from './support/qualification-review-stack';
import { institutionUser } from './support/stack';

/** Qualification review through the gateway: who may touch an application. */
const { federation, tokens, registerIncomplete, submit, read } = useQualificationReviewStack();

describe('who may touch an application', () => {
  let id: string;
  let ownInstitutionId: string;
  let before: ApplicationShape;

  beforeAll(async () => {
    const institutionId = await registerIncomplete({
      name: '城东区权限培训学校',
    });
    const submitted = await submit(institutionId, await institutionUser(institutionId));
    before = app(await federation.query(START_REVIEW, { id: submitted.id }, tokens.reviewer));
    id = submitted.id;
    ownInstitutionId = institutionId;
  });

  it("keeps another institution's user out", async () => {
    const otherId = await registerIncomplete({
      name: '城东区别家培训学校',
    });
    const other = await institutionUser(otherId);
    expect(codeOf(await federation.query(APPLICATION, { id }, other))).toBe('FORBIDDEN');
    expect(codeOf(await federation.query(WITHDRAW, { id }, other))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await federation.query(
          RESUBMIT,
          { input: { applicationId: id, materials: materials(['FEE_STANDARDS']) } },
          other,
        ),
      ),
    ).toBe('FORBIDDEN');
    // Nor may it submit for an institution that is not its own, or decide anything.
    expect(
      codeOf(
        await federation.query(
          SUBMIT,
          { input: { institutionId: ownInstitutionId, type: 'RENEWAL', materials: [] } },
          other,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await federation.query(DECIDE, { input: { applicationId: id, decision: 'APPROVE' } }, other)),
    ).toBe('FORBIDDEN');
    await expect(read(id)).resolves.toMatchObject({ status: 'UNDER_REVIEW', version: before.version });
  });

  it("keeps a reviewer of another county from deciding or seeing this county's", async () => {
    const decided = await federation.query(
      DECIDE,
      { input: { applicationId: id, decision: 'REJECT', reasons: ['越权'] } },
      tokens.otherCountyReviewer,
    );
    expect(codeOf(decided)).toBe('FORBIDDEN');
    expect(codeOf(await federation.query(APPLICATION, { id }, tokens.otherCountyReviewer))).toBe('FORBIDDEN');
    const queue = await federation.query<{ reviewQueue: unknown }>(
      REVIEW_QUEUE,
      { regionCode: QINGHAI.chengdong },
      tokens.otherCountyReviewer,
    );
    expect(codeOf(queue)).toBe('FORBIDDEN');
    await expect(read(id)).resolves.toMatchObject({ status: 'UNDER_REVIEW', version: before.version });
  });

  it('requires the review scope to decide, and a token at all', async () => {
    const noScope = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
    expect(
      codeOf(await federation.query(DECIDE, { input: { applicationId: id, decision: 'APPROVE' } }, noScope)),
    ).toBe('FORBIDDEN');
    expect(codeOf(await federation.query(APPLICATION, { id }))).toBe('UNAUTHENTICATED');
  });
});
