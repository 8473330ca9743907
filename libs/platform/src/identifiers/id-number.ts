/** Resident identity card number (居民身份证号码), GB 11643-1999: 17 digits and a check digit or X. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Why an ID number is invalid, or undefined when it is valid. */
export function idNumberProblem(id: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 17 digits followed by a digit or X';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth > new Date()) {
    return 'has an impossible date of birth';
  }
  if (idNumberCheckCharacter(id.slice(0, 17)) !== id[17]) return 'has a wrong check digit';
  return undefined;
}

/** Shows the first and last characters only, e.g. 630102********123X. */
export function maskIdNumber(id: string): string {
  return id.length < 8
    ? '*'.repeat(id.length)
    : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
