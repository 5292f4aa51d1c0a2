import { describe, expect, it } from 'vitest';
import parsePhoneNumber from 'libphonenumber-js';
import { formatPhone, parsePhone } from './phone';

describe('parsePhone', () => {
  it.each([
    ['212-555-0123', '+12125550123'],
    ['(212) 555-0123', '+12125550123'],
    ['212.555.0123', '+12125550123'],
    ['2125550123', '+12125550123'],
    ['1 (212) 555-0123', '+12125550123'],
    ['+1 212 555 0123', '+12125550123'],
    ['  (646) 555-0188  ', '+16465550188'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %j as %s (default region US)', (typed, e164) => {
    const parsed = parsePhone(typed);
    expect(parsed).toMatchObject({ ok: true, e164 });
  });

  it('gives the national digits people search by', () => {
    expect(parsePhone('(212) 555-0123')).toMatchObject({ nationalDigits: '2125550123' });
  });

  it.each([
    ['', /blank/],
    ['   ', /blank/],
    ['---', /no digits/],
    ['555-0100', /too few digits/],
    ['12', /too few digits/],
    ['+1 212 555 01234', /too many digits/],
    ['(555) 123-4567', /not a US number in use.*area code/],
    ['+999 1234567', /country code that does not exist/],
    ['1-800-FLOWERS', /letters/],
    ['call me', /letters/],
    ['(212) 555-0123 ext. 4', /extension/],
    ['212 555 0123 x4', /extension/],
    ['(212) 555-0123 😀', /not part of a phone number/],
    ['212#555#0123', /not part of a phone number/],
  ])('refuses %j and says why', (typed, reason) => {
    const parsed = parsePhone(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('quotes what was typed in the reason, so staff see which number is wrong', () => {
    const parsed = parsePhone('(555) 123-4567');
    expect(!parsed.ok && parsed.reason).toContain('"(555) 123-4567"');
  });
});

describe('formatPhone', () => {
  it('shows North American numbers in the national form', () => {
    expect(formatPhone('+12125550123')).toBe('(212) 555-0123');
  });

  it('shows other numbers in the international form', () => {
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
  });

  it('agrees with libphonenumber-js’s national format for US numbers (the fast path is not a second opinion)', () => {
    for (const e164 of ['+12125550123', '+16465550188', '+19175550100', '+13105551234', '+18005550199']) {
      expect(formatPhone(e164)).toBe(parsePhoneNumber(e164)!.formatNational());
    }
  });

  it('shows something readable for a value that is not a number rather than throwing', () => {
    expect(formatPhone('+1999').replace(/\D/g, '')).toBe('1999');
    expect(formatPhone('garbage')).toBe('garbage');
  });

  it('formats what parsePhone stores the same way parsePhone displays it', () => {
    const parsed = parsePhone('+44 20 7946 0958');
    expect(parsed.ok && formatPhone(parsed.e164)).toBe(parsed.ok && parsed.display);
  });
});
