import {
  CONFIRM,
  EXTEND,
  ISSUE,
  ORDER,
  problems,
  registerInstitution,
  type OrderShape,
} from './support/enforcement-operations';
import { useDeadlineEngineStack } from './support/enforcement-deadlines-stack';

/** The deadline engine (see support/enforcement-deadlines-stack.ts): what an order may be issued with, and by whom. */
const { federation, db, tokens, issue } = useDeadlineEngineStack();

describe('issuing', () => {
  it('refuses a deadline in the past or more than 5 years ahead, and an official of another county', async () => {
    const id = await registerInstitution(federation, db, tokens.registryOfficer, '城东区校验培训学校');
    const past = await issue(id, new Date(Date.now() - 1000));
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadline' });
    const far = new Date();
    far.setUTCFullYear(far.getUTCFullYear() + 5);
    far.setUTCDate(far.getUTCDate() + 2);
    const tooFar = await issue(id, far);
    expect(tooFar.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadline' });
    const both = await federation.query(
      ISSUE,
      {
        input: {
          institutionId: id,
          source: 'SURVEY',
          problems,
          deadlineWorkingDays: 10,
          deadline: far.toISOString(),
        },
      },
      tokens.officer,
    );
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    expect(
      (await issue(id, new Date(Date.now() + 86_400_000), tokens.otherCounty)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    // N working days with the Chinese calendar: ends at 24:00 Shanghai time.
    const byDays = await federation.query<{ issueRectificationOrder: OrderShape }>(
      ISSUE,
      { input: { institutionId: id, source: 'INSPECTION', problems, deadlineWorkingDays: 10 } },
      tokens.officer,
    );
    expect(byDays.errors).toBeUndefined();
    const order = byDays.data!.issueRectificationOrder;
    expect(new Date(order.deadline).getUTCHours()).toBe(16);
    expect(order.status).toBe('OPEN');

    const extend = await federation.query(
      EXTEND,
      { input: { orderId: order.id, reason: '申请延期', deadlineWorkingDays: 15 } },
      tokens.otherCounty,
    );
    expect(extend.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noReason = await federation.query(
      EXTEND,
      { input: { orderId: order.id, reason: ' ', deadlineWorkingDays: 15 } },
      tokens.officer,
    );
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const shorter = await federation.query(
      EXTEND,
      { input: { orderId: order.id, reason: '提前', deadlineWorkingDays: 5 } },
      tokens.officer,
    );
    expect(shorter.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'deadlineWorkingDays',
    });
    const close = await federation.query(
      CONFIRM,
      { input: { orderId: order.id, evidence: '复查合格' } },
      tokens.otherCounty,
    );
    expect(close.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const seen = await federation.query(ORDER, { id: order.id }, tokens.otherCounty);
    expect(seen.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
