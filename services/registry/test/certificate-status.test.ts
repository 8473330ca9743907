import { assessCertificates } from '../src/domain/certificate-status';
import { LICENCE_RULE_SETS, ruleSetInForce } from '../src/domain/licence-rules';
import { classifySurvey } from '../src/domain/survey-classification';

const offlineSubject = { kind: 'OFFLINE', category: 'SUBJECT', onNationalPlatform: true } as const;
const today = new Date('2026-11-22T10:00:00+08:00');
const current = ruleSetInForce(today);

describe('certificate status from the licence rule table', () => {
  it('uses the rule set in force on the day, by Shanghai date', () => {
    expect(current.version).toBe('2021-07');
    expect(ruleSetInForce(new Date('2021-07-23T23:00:00+08:00')).version).toBe('2018-08');
    expect(ruleSetInForce(new Date('2021-07-23T16:30:00Z')).version).toBe('2021-07'); // 00:30 on the 24th in Shanghai
  });

  it('is NONE without licences, INCOMPLETE with some, COMPLETE with all', () => {
    expect(assessCertificates(offlineSubject, [], current, today)).toMatchObject({
      certificateStatus: 'NONE',
      missing: ['SCHOOL_PERMIT', 'LEGAL_PERSON_REGISTRATION', 'FIRE_SAFETY_CLEARANCE'],
    });
    const some = [{ type: 'BUSINESS_LICENCE' as const, validUntil: null }];
    expect(assessCertificates(offlineSubject, some, current, today)).toMatchObject({
      certificateStatus: 'INCOMPLETE',
      missing: ['SCHOOL_PERMIT', 'FIRE_SAFETY_CLEARANCE'],
    });
    const all = [
      ...some,
      { type: 'SCHOOL_PERMIT' as const, validUntil: '2030-01-01' },
      { type: 'FIRE_SAFETY_CLEARANCE' as const, validUntil: null },
    ];
    expect(assessCertificates(offlineSubject, all, current, today)).toMatchObject({
      certificateStatus: 'COMPLETE',
      missing: [],
    });
  });

  it('counts an expired licence as missing and the national platform as a requirement since 2021', () => {
    const licences = [
      { type: 'PRIVATE_NON_ENTERPRISE_CERTIFICATE' as const, validUntil: null },
      { type: 'SCHOOL_PERMIT' as const, validUntil: '2026-11-21' },
      { type: 'FIRE_SAFETY_CLEARANCE' as const, validUntil: null },
    ];
    expect(assessCertificates(offlineSubject, licences, current, today).missing).toEqual(['SCHOOL_PERMIT']);
    const offPlatform = { ...offlineSubject, onNationalPlatform: false };
    const valid = licences.map((l) => ({ ...l, validUntil: null }));
    expect(assessCertificates(offPlatform, valid, current, today).missing).toEqual(['NATIONAL_PLATFORM']);
    expect(assessCertificates(offPlatform, valid, LICENCE_RULE_SETS[0], today).certificateStatus).toBe(
      'COMPLETE',
    );
  });

  it('asks online institutions for ICP filing and level protection instead of fire safety', () => {
    const online = { kind: 'ONLINE', category: 'NON_SUBJECT', onNationalPlatform: true } as const;
    const result = assessCertificates(
      online,
      [{ type: 'BUSINESS_LICENCE', validUntil: null }],
      current,
      today,
    );
    expect(result.missing).toEqual(['ICP_FILING', 'NETWORK_SECURITY_LEVEL_PROTECTION']);
  });

  it('classifies a survey into the four classes', () => {
    expect(classifySurvey('OPERATING', 'COMPLETE')).toBe('COMPLETE_CERTIFICATES');
    expect(classifySurvey('OPERATING', 'INCOMPLETE')).toBe('INCOMPLETE_CERTIFICATES');
    expect(classifySurvey('OPERATING', 'NONE')).toBe('UNLICENSED');
    expect(classifySurvey('NOT_FOUND', 'COMPLETE')).toBe('CLOSED_OR_NOT_FOUND');
  });
});
