import { deriveInstitutionStatus } from '../src/domain/institution-status';

/** The status rule of docs/design.md §9.3, first rule that holds wins. */
const facts = { closedBySurvey: false, restrictions: [], openOrders: 0 } as const;

it('is ACTIVE with nothing against it, RECTIFYING while an order is open', () => {
  expect(deriveInstitutionStatus(facts)).toBe('ACTIVE');
  expect(deriveInstitutionStatus({ ...facts, openOrders: 2 })).toBe('RECTIFYING');
});

it('is CLOSED when the survey closed it, open orders or not', () => {
  expect(deriveInstitutionStatus({ ...facts, closedBySurvey: true, openOrders: 1 })).toBe('CLOSED');
});

it('is SUSPENDED while a suspension is in force, over a closure and open orders', () => {
  expect(deriveInstitutionStatus({ closedBySurvey: true, restrictions: ['SUSPENDED'], openOrders: 1 })).toBe(
    'SUSPENDED',
  );
});

it('is BANNED while any ban is in force, whatever else holds', () => {
  expect(
    deriveInstitutionStatus({ closedBySurvey: true, restrictions: ['SUSPENDED', 'BANNED'], openOrders: 1 }),
  ).toBe('BANNED');
});
