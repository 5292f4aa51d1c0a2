import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TOKENS, searchTiers, searchTokens } from './search-query';

describe('searchTokens', () => {
  it('splits words on anything that is not a letter or digit, like the index does', () => {
    expect(searchTokens("  Zoë O'Brien-Smith ")).toEqual(['zoë', 'o', 'brien', 'smith']);
  });

  it('reads a typed phone number as one run of digits', () => {
    expect(searchTokens('(212) 555-01')).toEqual(['21255501']);
    expect(searchTokens('+1 212.555')).toEqual(['1212555']);
  });

  it('keeps digits beside words as their own tokens', () => {
    expect(searchTokens('Ann 555')).toEqual(['ann', '555']);
  });

  it('finds nothing to search in punctuation, emoji and lone marks', () => {
    for (const text of ['', '   ', '"', '*', '()', '😀🐶', '\u0301', '-', '"*"'])
      expect(searchTokens(text)).toEqual([]);
  });

  it('uses at most a handful of words', () => {
    expect(searchTokens('a b c d e f g h i j k l').length).toBe(MAX_SEARCH_TOKENS);
  });
});

describe('searchTiers', () => {
  it('asks for whole words first, then word starts', () => {
    expect(searchTiers('ann ma')).toEqual(['"ann" AND "ma"', '"ann"* AND "ma"*']);
  });

  it('adds a tier for digits anywhere in a number only from 4 digits on', () => {
    expect(searchTiers('212')).toHaveLength(2);
    expect(searchTiers('5550')).toEqual([
      '{names pets phone} : "5550"',
      '{names pets phone} : "5550"*',
      '"5550"*',
    ]);
  });

  it('turns FTS5 syntax into quoted text', () => {
    expect(searchTiers('NEAR(max OR "bella*" -rex)')[1]).toBe(
      '"near"* AND "max"* AND "or"* AND "bella"* AND "rex"*',
    );
  });

  it('builds only quoted letters, digits and its own operators, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        for (const tier of searchTiers(text)) {
          const withoutQuoted = tier.replace(/"[\p{L}\p{N}\p{M}]+"\*?/gu, '');
          expect(withoutQuoted).toMatch(/^(\s|AND|\{names pets phone\}|:)*$/);
        }
      }),
    );
  });
});
