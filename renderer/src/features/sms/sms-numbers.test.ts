import { describe, expect, it } from 'vitest';
import type { Phone } from '../../../../shared/api/clients';
import { textableNumbers } from './sms-numbers';

const phone = (id: number, label: string, isTexting = false): Phone => ({
  id,
  label,
  e164: `+1212555010${id}`,
  display: `(212) 555-010${id}`,
  isTexting,
  consent: 'unknown',
  sharedWith: [],
});

describe('numbers the SMS dialog offers', () => {
  it('puts the texting number first, then other mobiles, leaving landlines out', () => {
    const list = textableNumbers([phone(1, 'mobile'), phone(2, 'home'), phone(3, 'work', true)]);
    expect(list.map((p) => p.id)).toEqual([3, 1]);
  });

  it('offers the only number a client has, whatever its label', () => {
    expect(textableNumbers([phone(4, 'home')]).map((p) => p.id)).toEqual([4]);
    expect(textableNumbers([])).toEqual([]);
  });
});
