import { QINGHAI } from '@jianguan/testing';
import {
  APPLICATION,
  materials,
  NEW_PERMIT_MATERIALS,
  registerIncompleteInstitution,
  SUBMIT,
  type ApplicationShape,
} from './qualification-review-operations';
import { useFederationStack, useOfficials } from './stack';

type Result = { data?: unknown; errors?: { extensions?: { code?: string } }[] };

/** The code of a result's first error. */
export const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

/** The one application a result holds (its errors, when any, fail the test). */
export const app = (result: Result): ApplicationShape => {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data as Record<string, ApplicationShape>)[0];
};

/**
 * What the qualification-review e2e files share: the whole federation with its workers, the officials
 * (a registry officer, two reviewers of Chengdong, one of Chengzhong), and registering institutions,
 * submitting and reading applications through the gateway.
 */
export function useQualificationReviewStack() {
  const { federation, db } = useFederationStack({ workers: true });
  const tokens = useOfficials({
    registryOfficer: { scopes: ['registry:write'], regionCode: QINGHAI.chengdong },
    reviewer: ['reviewer-li', '李审核', ['review:decide', 'review:read'], QINGHAI.chengdong],
    secondReviewer: ['reviewer-wang', '王审核', ['review:decide'], QINGHAI.chengdong],
    otherCountyReviewer: ['reviewer-zhao', '赵审核', ['review:decide', 'review:read'], QINGHAI.chengzhong],
  });

  async function submit(institutionId: string, token: string, types = NEW_PERMIT_MATERIALS) {
    return app(
      await federation.query(
        SUBMIT,
        { input: { institutionId, type: 'NEW_PERMIT', materials: materials(types) } },
        token,
      ),
    );
  }

  /** Registers, as the registry officer, an institution whose certificates are incomplete. */
  async function registerIncomplete(options?: Parameters<typeof registerIncompleteInstitution>[3]) {
    return registerIncompleteInstitution(federation, db, tokens.registryOfficer, options);
  }

  async function read(id: string) {
    return app(await federation.query(APPLICATION, { id }, tokens.reviewer));
  }

  return { federation, db, tokens, registerIncomplete, submit, read };
}
