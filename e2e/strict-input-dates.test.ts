import { QINGHAI } from '@jianguan/testing';
import { RECORD_LICENCE, RECORD_SURVEY } from './support/registry-operations';
import { expectRefused, useStrictInputStack } from './support/strict-input';

/** Strict input (docs/security.md, see support/strict-input.ts): dates and date-times. */
const { federation, tokens, registered, count } = useStrictInputStack();

describe('dates and date-times are calendar-checked and need an offset', () => {
  it.each([
    ['issuedOn', '2027-02-29'],
    ['issuedOn', '2027-02-31'],
    ['issuedOn', '2026-04-31'],
    ['validUntil', '2029-13-01'],
  ])('refuses the licence date %s %s and records no licence', async (field, value) => {
    const id = await registered();
    const input = {
      institutionId: id,
      type: 'BUSINESS_LICENCE',
      number: `BL-${Math.random().toString(36).slice(2, 10)}`,
      issuedBy: '西宁市城东区市场监督管理局',
      issuedOn: '2024-03-01',
      validUntil: null,
      [field]: value,
    };
    const response = await federation.query(RECORD_LICENCE, { input }, tokens.officer);
    expectRefused(response, field);
    expect(
      await count(`SELECT count(*)::int AS n FROM registry.licence WHERE institution_id = $1`, [id]),
    ).toBe(0);
  });

  it.each([
    ['hour 24', '2026-11-21T24:00:00+08:00'],
    ['29 February of a common year', '2026-02-29T10:00:00+08:00'],
    ['no offset', '2026-11-21T10:30:00'],
    ['second 60', '2026-11-21T10:30:60+08:00'],
  ])('refuses a survey time with %s and records no survey', async (_what, surveyedAt) => {
    const id = await registered();
    const response = await federation.query(
      RECORD_SURVEY,
      { input: { institutionId: id, surveyedAt, gridCode: QINGHAI.beiguanCommunity, finding: 'OPERATING' } },
      tokens.officer,
    );
    expectRefused(response, 'surveyedAt');
    expect(
      await count(`SELECT count(*)::int AS n FROM registry.survey_record WHERE institution_id = $1`, [id]),
    ).toBe(0);
  });

  it('refuses an impossible date written into the query itself, not only in variables', async () => {
    const id = await registered();
    const response = await federation.query(
      `mutation { recordLicence(input: { institutionId: "${id}", type: BUSINESS_LICENCE, number: "BL-LITERAL-1",
        issuedBy: "西宁市城东区市场监督管理局", issuedOn: "2027-02-29" }) { id } }`,
      {},
      tokens.officer,
    );
    expectRefused(response, 'issuedOn');
    expect(
      await count(`SELECT count(*)::int AS n FROM registry.licence WHERE institution_id = $1`, [id]),
    ).toBe(0);
  });

  it('still takes a real date and an instant with its offset', async () => {
    const id = await registered();
    const licence = await federation.query<{ recordLicence: { licences: { number: string }[] } }>(
      RECORD_LICENCE,
      {
        input: {
          institutionId: id,
          type: 'BUSINESS_LICENCE',
          number: 'BL-LEAP-2028',
          issuedBy: '西宁市城东区市场监督管理局',
          issuedOn: '2024-02-29',
          validUntil: '2028-02-29',
        },
      },
      tokens.officer,
    );
    expect(licence.errors).toBeUndefined();
    const survey = await federation.query<{ recordSurvey: { finding: string } }>(
      RECORD_SURVEY,
      {
        input: {
          institutionId: id,
          surveyedAt: '2026-11-21T10:30Z',
          gridCode: QINGHAI.beiguanCommunity,
          finding: 'OPERATING',
        },
      },
      tokens.officer,
    );
    expect(survey.errors).toBeUndefined();
    expect(survey.data!.recordSurvey.finding).toBe('OPERATING');
  });
});
