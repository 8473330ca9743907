import { normaliseRegionCode, requireRegionCode, standardRegionCode } from '../src';

describe('region codes in the forms officials write', () => {
  it.each([
    ['63', '63'],
    ['630000', '63'],
    ['630100', '6301'],
    ['630102', '630102'],
    ['630102001', '630102001'],
    ['630102000', '630102'],
    ['630000000000', '63'],
    ['630102001001', '630102001001'],
  ])('%s is the prefix code %s', (written, prefix) => {
    expect(normaliseRegionCode(written)).toBe(prefix);
  });

  it.each(['6', '630', '63010', '6301020', '000000', '630001000000', 'ab0000'])(
    '%s is no division code',
    (code) => {
      expect(normaliseRegionCode(code)).toBeNull();
    },
  );

  it('gives provinces, cities and counties their 6-digit GB/T 2260 code', () => {
    expect([standardRegionCode('63'), standardRegionCode('6301'), standardRegionCode('630102')]).toEqual([
      '630000',
      '630100',
      '630102',
    ]);
  });

  it('refuses a malformed region argument naming it', () => {
    expect(() => requireRegionCode('regionCode', '63010')).toThrow('regionCode must be a division code');
  });
});
