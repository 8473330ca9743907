import { recordEvent } from '@jianguan/events';
import { conflict, type Viewer } from '@jianguan/platform';
import { FindingEntity } from '../entities/finding.entity';
import { PRODUCER, screeningStep, type CommandDeps } from './filing-state';
import type { RejectInput } from './inputs';

/** Files a screened filing without open findings: the institution goes on the white list. */
export function approveFiling(deps: CommandDeps, viewer: Viewer, filingId: string, requestId: string) {
  const step = { filingId, transition: 'approve', action: 'approveOnlineFiling', requestId } as const;
  return screeningStep(deps, viewer, step, async (manager, filing) => {
    if (await manager.countBy(FindingEntity, { filingId: filing.id, open: true })) {
      throw conflict('The filing has open findings');
    }
    const now = new Date();
    filing.status = 'FILED';
    filing.decidedAt = now;
    filing.reasons = [];
    const platforms = filing.businessInfo.platforms;
    const main = platforms.find((p) => p.icpNumber) ?? platforms[0];
    await recordEvent(manager, PRODUCER, 'OnlineFilingApproved', {
      filingId: filing.id,
      institutionId: filing.institutionId,
      regionCode: filing.regionCode,
      platformName: main?.name ?? filing.institutionInfo.name,
      icpNumber: main?.icpNumber ?? filing.businessInfo.telecomLicence ?? '未提供',
      approvedAt: now.toISOString(),
    });
    return null;
  });
}

export function rejectFiling(deps: CommandDeps, viewer: Viewer, input: RejectInput, requestId: string) {
  const step = {
    filingId: input.filingId,
    transition: 'reject',
    action: 'rejectOnlineFiling',
    requestId,
  } as const;
  return screeningStep(deps, viewer, step, async (manager, filing) => {
    const now = new Date();
    filing.status = 'REJECTED';
    filing.decidedAt = now;
    filing.reasons = input.reasons;
    await recordEvent(manager, PRODUCER, 'OnlineFilingRejected', {
      filingId: filing.id,
      institutionId: filing.institutionId,
      regionCode: filing.regionCode,
      reasons: input.reasons,
      rejectedAt: now.toISOString(),
    });
    return input.reasons.join('；');
  });
}
