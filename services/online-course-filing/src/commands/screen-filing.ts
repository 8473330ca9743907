import type { EntityManager } from 'typeorm';
import { recordEvent } from '@jianguan/events';
import type { Viewer } from '@jianguan/platform';
import { CourseEntity } from '../entities/course.entity';
import { FilingEntity } from '../entities/filing.entity';
import { FindingEntity } from '../entities/finding.entity';
import { PersonEntity } from '../entities/person.entity';
import { RuleSetEntity } from '../entities/rule-set.entity';
import { screen } from '../domain/screening';
import { PRODUCER, screeningStep, type CommandDeps } from './filing-state';
import type { FindingInput } from './inputs';

/** Moves a filing with open findings to RECTIFICATION_REQUIRED and tells enforcement, in one event. */
async function requireRectification(manager: EntityManager, filing: FilingEntity, now: Date): Promise<void> {
  const open = await manager
    .getRepository(FindingEntity)
    .find({ where: { filingId: filing.id, open: true }, order: { at: 'ASC' } });
  filing.status = 'RECTIFICATION_REQUIRED';
  await recordEvent(manager, PRODUCER, 'ScreeningProblemsFound', {
    filingId: filing.id,
    institutionId: filing.institutionId,
    regionCode: filing.regionCode,
    ruleSetVersion: filing.ruleSetVersion!,
    problems: open.map((f) => ({
      code: f.rule,
      description: `${f.description}（${f.document}）`,
      field: f.item,
      source: f.source,
    })),
    screenedAt: now.toISOString(),
  });
}

/**
 * Runs the automated rules of the filing's rule set (fixed at submission). Problems from the rules, with
 * any officer findings already made, move the filing to RECTIFICATION_REQUIRED; otherwise it stays in
 * SCREENING for the officers' review and approval.
 */
export function screenFiling(deps: CommandDeps, viewer: Viewer, filingId: string, requestId: string) {
  const step = { filingId, transition: 'screen', action: 'screenOnlineFiling', requestId } as const;
  return screeningStep(deps, viewer, step, async (manager, filing) => {
    const ruleSet = await manager
      .getRepository(RuleSetEntity)
      .findOneByOrFail({ version: filing.ruleSetVersion! });
    const personnel = await manager
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .select(['p.line', 'p.name', 'p.role', 'p.subject', 'p.teacherCertificateNumber'])
      .where('p.filing_id = :id', { id: filing.id })
      .orderBy('p.line')
      .getMany();
    const courses = await manager
      .getRepository(CourseEntity)
      .find({ where: { filingId: filing.id }, order: { line: 'ASC' } });
    const findings = screen(ruleSet, filing, personnel, courses);
    // A re-screen replaces the earlier rule findings; officers' findings stay.
    await manager.delete(FindingEntity, { filingId: filing.id, source: 'RULE', open: true });
    if (findings.length > 0) {
      await manager.insert(
        FindingEntity,
        findings.map((f) => ({ ...f, filingId: filing.id, source: 'RULE' as const, open: true })),
      );
    }
    const now = new Date();
    filing.screenedAt = now;
    const officerFindings = await manager.countBy(FindingEntity, {
      filingId: filing.id,
      open: true,
      source: 'OFFICER',
    });
    if (findings.length + officerFindings > 0) await requireRectification(manager, filing, now);
    else filing.status = 'SCREENING';
    return `规则版本 ${ruleSet.version}：${findings.length} 项规则问题`;
  });
}

/**
 * An officer's finding. Before the automated screening it waits for it; during SCREENING the filing
 * needs rectification at once.
 */
export function addFinding(deps: CommandDeps, viewer: Viewer, input: FindingInput, requestId: string) {
  const step = {
    filingId: input.filingId,
    transition: 'addFinding',
    action: 'addScreeningFinding',
    requestId,
  } as const;
  return screeningStep(deps, viewer, step, async (manager, filing, actor) => {
    await manager.insert(FindingEntity, {
      filingId: filing.id,
      source: 'OFFICER',
      item: input.item,
      rule: input.rule,
      document: input.document,
      description: input.description,
      officerId: actor.sub,
      officerName: actor.name,
      open: true,
    });
    if (filing.status === 'SCREENING') await requireRectification(manager, filing, new Date());
    return input.description;
  });
}
