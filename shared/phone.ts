/**
 * Phone numbers: everything the desk stores is E.164 (`+12125550123`). Typed numbers are read with
 * libphonenumber-js, default region US, and anything that is not a valid, dialable number is refused with the
 * reason in plain words, so nothing half-valid is ever stored.
 */
import {
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js';

export const DEFAULT_PHONE_REGION: CountryCode = 'US';

export type PhoneParse =
  | {
      ok: true;
      e164: string;
      /** The national significant number's digits (`2125550123`), what people type when they search. */
      nationalDigits: string;
      display: string;
    }
  | { ok: false; reason: string };

/** Reads a number as a person typed it; `ok: false` carries a sentence saying why it was refused. */
export function parsePhone(typed: string, region: CountryCode = DEFAULT_PHONE_REGION): PhoneParse {
  const text = typed.trim();
  if (text.length === 0) return { ok: false, reason: 'Phone number is blank.' };
  const withoutExtension = text.replace(/\b(ext\.?|extension|x)\s*\d+\s*$/i, '');
  if (/\p{L}/u.test(withoutExtension)) {
    return { ok: false, reason: `"${text}" contains letters; type the number with digits only.` };
  }
  // libphonenumber would pick a number out of any text; a stray character more likely means a typo.
  if (/[^\d\s()+\-./]/.test(withoutExtension)) {
    return { ok: false, reason: `"${text}" contains characters that are not part of a phone number.` };
  }
  const digitCount = text.replace(/\D/g, '').length;
  if (digitCount === 0) return { ok: false, reason: `"${text}" has no digits.` };
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(text, region);
  } catch (error) {
    return { ok: false, reason: parseErrorReason(text, error) };
  }
  if (parsed.ext) {
    return {
      ok: false,
      reason: `"${text}" has an extension; texts cannot reach an extension. Enter the number alone.`,
    };
  }
  if (!parsed.isPossible()) {
    const length = validatePhoneNumberLength(text, region);
    const what =
      length === 'TOO_SHORT' ? 'too few' : length === 'TOO_LONG' ? 'too many' : 'the wrong number of';
    return { ok: false, reason: `"${text}" has ${what} digits for a ${countryName(parsed)} number.` };
  }
  if (!parsed.isValid()) {
    return {
      ok: false,
      reason: `"${text}" is not a ${countryName(parsed)} number in use; check the area code and digits.`,
    };
  }
  return {
    ok: true,
    e164: parsed.number,
    nationalDigits: parsed.nationalNumber,
    display: displayOf(parsed.number, () => parsed.formatInternational()),
  };
}

/**
 * How a person reads a stored E.164 number: `(212) 555-0123` for North American numbers (the desk's own
 * region, so no country code), the international form (`+44 20 7946 0958`) for the rest.
 */
export function formatPhone(e164: string): string {
  return displayOf(e164, () => {
    try {
      return parsePhoneNumberWithError(e164).formatInternational();
    } catch {
      return e164;
    }
  });
}

// Search results format up to 200 numbers per keystroke; North American numbers (nearly all of them) take a
// fast path that gives exactly what libphonenumber's national format gives, without parsing.
const NANP = /^\+1(\d{3})(\d{3})(\d{4})$/;

function displayOf(e164: string, other: () => string): string {
  const nanp = NANP.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : other();
}

function parseErrorReason(text: string, error: unknown): string {
  const code = error instanceof ParseError ? error.message : '';
  switch (code) {
    case 'INVALID_COUNTRY':
      return `"${text}" starts with a country code that does not exist.`;
    case 'TOO_SHORT':
      return `"${text}" has too few digits for a phone number.`;
    case 'TOO_LONG':
      return `"${text}" has too many digits for a phone number.`;
    default:
      return `"${text}" is not a phone number.`;
  }
}

function countryName(parsed: PhoneNumber): string {
  const country = parsed.country;
  if (!country) return parsed.countryCallingCode === '1' ? 'North American' : `+${parsed.countryCallingCode}`;
  if (country === 'US') return 'US';
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}
