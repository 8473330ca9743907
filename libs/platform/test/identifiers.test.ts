import { creditCodeCheckCharacter, creditCodeProblem, idNumberProblem, maskIdNumber } from '../src';

describe('unified social credit code (GB 32100-2015)', () => {
  // A published code: 91350100M000100Y43 (check character 3).
  it('accepts a real code and computes its check character', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
  });

  it('refuses a wrong check character, lower case, a wrong length and forbidden letters', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('has a wrong check character');
    expect(creditCodeProblem('91350100m000100y43')).toMatch(/upper-case/);
    expect(creditCodeProblem('91350100M000100Y4')).toBe('must be 18 characters');
    expect(creditCodeProblem('91350100I000100Y43')).toMatch(/no I, O, Z, S, V/);
  });
});

describe('resident ID number (GB 11643-1999)', () => {
  // The standard's worked example: 11010519491231002X.
  it('accepts a valid number with X as check character', () => {
    expect(idNumberProblem('11010519491231002X')).toBeUndefined();
  });

  it('refuses a wrong check digit and an impossible birth date', () => {
    expect(idNumberProblem('110105194912310021')).toBe('has a wrong check digit');
    expect(idNumberProblem('110105194902300021')).toBe('has an impossible date of birth');
    expect(idNumberProblem('1101051949123100')).toMatch(/17 digits/);
  });

  it('masks all but the region prefix and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
