import type { EntityManager } from 'typeorm';
import { badInput, shanghaiDay } from '@jianguan/platform';
import { RuleSetEntity } from '../entities/rule-set.entity';
import { ruleSetInForce } from '../domain/screening';

/** The rule set in force on the Shanghai day of `at`; BAD_USER_INPUT before the first one. */
export async function ruleSetAt(
  manager: EntityManager,
  at: Date,
  field = 'submittedAt',
): Promise<RuleSetEntity> {
  const sets = await manager.getRepository(RuleSetEntity).find({ order: { effectiveFrom: 'ASC' } });
  const set = ruleSetInForce(sets, shanghaiDay(at));
  if (!set) throw badInput(field, `${field} is before the first screening rule set took effect`);
  return set;
}
