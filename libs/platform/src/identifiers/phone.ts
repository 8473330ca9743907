/** Shows the first three and last two characters of a phone number, e.g. 139******00. */
export function maskPhone(phone: string): string {
  return phone.length < 6 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}******${phone.slice(-2)}`;
}
