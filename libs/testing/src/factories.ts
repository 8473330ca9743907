import { creditCodeCheckCharacter, CREDIT_CODE_ALPHABET, idNumberCheckCharacter } from '@jianguan/platform';

/** Real Qinghai division codes used across tests. */
export const QINGHAI = {
  province: '63',
  xining: '6301',
  chengdong: '630102',
  chengzhong: '630103',
  dongguanStreet: '630102001',
  beiguanCommunity: '630102001001',
} as const;

let serial = 0;

/**
 * A valid credit code: 52 (民办非企业单位), the county code, a 9-character organisation code
 * unique within this process, and the correct GB 32100 check character.
 */
export function validCreditCode(countyCode: string = QINGHAI.chengdong): string {
  serial += 1;
  let n = serial + Math.floor(Math.random() * 1e6) * 1000;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = CREDIT_CODE_ALPHABET[n % 31] + org;
    n = Math.floor(n / 31);
  }
  const first17 = `52${countyCode.padEnd(6, '0').slice(0, 6)}${org}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** A valid resident ID number born on the given date in the given county. */
export function validIdNumber(countyCode: string = QINGHAI.chengdong, birth = '19900101'): string {
  serial += 1;
  const first17 = `${countyCode}${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}
