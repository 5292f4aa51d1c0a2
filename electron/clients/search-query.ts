/**
 * Turns whatever someone typed into the search box into FTS5 MATCH expressions, best matches first. Every
 * token becomes a quoted FTS5 string built only from letters and digits, so quotes, `*`, `-`, brackets, `NEAR`,
 * `OR` and the like are searched as text and can never make a malformed query.
 */

/** At most this many words are used: a search box full of words narrows nothing further, and each costs. */
export const MAX_SEARCH_TOKENS = 8;
export const MAX_SEARCH_TEXT = 500;
/** A digit fragment this long is looked for anywhere in a number; shorter ones only at its start. */
export const MIN_DIGITS_ANYWHERE = 4;

const PHONE_LIKE = /^[\d\s().+\-/]+$/;
// A token must carry a letter or digit: a lone combining mark would make an empty FTS string.
const TOKEN = /[\p{L}\p{N}\p{M}]*[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const DIGITS = /^\d+$/;
// Columns a whole number (or its start) can match; `phone_parts` holds the inner fragments of numbers.
const NOT_PARTS = '{names pets phone}';

export function searchTokens(text: string): string[] {
  const normalised = text.slice(0, MAX_SEARCH_TEXT).normalize('NFKC');
  // "(212) 555-01" is one number being typed, not three words.
  if (PHONE_LIKE.test(normalised) && /\d/.test(normalised)) return [normalised.replace(/\D/g, '')];
  const tokens = (normalised.match(TOKEN) ?? []).map((token) => token.toLowerCase());
  return [...new Set(tokens)].slice(0, MAX_SEARCH_TOKENS);
}

/**
 * MATCH expressions in rank order: (1) every token a whole word or a whole number, (2) every token the start
 * of a word or of a number, (3) when a fragment has 4+ digits, that fragment anywhere in a number. Empty when
 * nothing searchable was typed.
 */
export function searchTiers(text: string): string[] {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  const isDigits = (token: string) => DIGITS.test(token);
  const and = (term: (token: string) => string) => tokens.map(term).join(' AND ');

  const tiers = [
    and((token) => (isDigits(token) ? `${NOT_PARTS} : "${token}"` : `"${token}"`)),
    and((token) => (isDigits(token) ? `${NOT_PARTS} : "${token}"*` : `"${token}"*`)),
  ];
  if (tokens.some((token) => isDigits(token) && token.length >= MIN_DIGITS_ANYWHERE)) {
    tiers.push(
      and((token) =>
        isDigits(token) && token.length < MIN_DIGITS_ANYWHERE ? `${NOT_PARTS} : "${token}"*` : `"${token}"*`,
      ),
    );
  }
  return tiers;
}
