import type { Phone } from '../../../../shared/api/clients';

/**
 * The numbers a text can go to: the client's texting number first, then their other mobile numbers (a home or
 * work line is usually a landline, which cannot receive texts).
 */
export function textableNumbers(phones: readonly Phone[]): Phone[] {
  const texting = phones.find((phone) => phone.isTexting);
  const mobiles = phones.filter((phone) => phone !== texting && phone.label.toLowerCase() === 'mobile');
  const list = texting ? [texting, ...mobiles] : mobiles;
  // A client with only a home or work number can still be texted there; staff know whether it is a cell.
  return list.length > 0 ? list : phones.slice(0, 1);
}
