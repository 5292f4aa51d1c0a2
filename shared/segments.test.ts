import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments } from './segments';

describe('countSegments: GSM-7', () => {
  it('counts a short plain text as one segment of 160', () => {
    expect(countSegments('Hello from Happy Tails')).toEqual({
      characters: 22,
      units: 22,
      encoding: 'GSM-7',
      segments: 1,
      perSegment: 160,
      remainingInSegment: 138,
      nonGsmCharacters: [],
    });
  });

  it('fits exactly 160 characters in one segment, and 161 takes two parts of 153', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({
      segments: 1,
      perSegment: 160,
      remainingInSegment: 0,
    });
    expect(countSegments('a'.repeat(161))).toMatchObject({
      segments: 2,
      perSegment: 153,
      remainingInSegment: 153 - 8,
    });
  });

  it('fits 306 characters in two parts and needs a third at 307', () => {
    expect(countSegments('a'.repeat(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(countSegments('a'.repeat(307))).toMatchObject({
      segments: 3,
      perSegment: 153,
      remainingInSegment: 152,
    });
  });

  it.each(['€', '^', '{', '}', '[', ']', '~', '\\', '|'])(
    'counts the extension character %s as two units',
    (char) => {
      const count = countSegments(char.repeat(80));
      expect(count).toMatchObject({
        characters: 80,
        units: 160,
        encoding: 'GSM-7',
        segments: 1,
        remainingInSegment: 0,
      });
      expect(countSegments(char.repeat(81)).segments).toBe(2);
    },
  );

  it('keeps GSM-7 for the accented letters GSM-7 has (é, ñ, ü, Ç)', () => {
    expect(countSegments('Café, piñata, über, Ça va').encoding).toBe('GSM-7');
  });

  it('counts an empty text as nothing to send', () => {
    expect(countSegments('')).toMatchObject({
      characters: 0,
      units: 0,
      segments: 0,
      remainingInSegment: 160,
    });
  });
});

describe('countSegments: UCS-2', () => {
  it('switches to UCS-2 for an emoji, with 70 per single text', () => {
    const count = countSegments('See you soon 🐶');
    expect(count).toMatchObject({
      encoding: 'UCS-2',
      segments: 1,
      perSegment: 70,
      characters: 14,
      units: 15,
    });
    expect(count.remainingInSegment).toBe(70 - 15);
    expect(count.nonGsmCharacters).toEqual(['🐶']);
  });

  it('fits 70 UCS-2 units in one text and 71 in two parts of 67', () => {
    expect(countSegments('ç'.repeat(70))).toMatchObject({
      segments: 1,
      perSegment: 70,
      remainingInSegment: 0,
    });
    expect(countSegments('ç'.repeat(71))).toMatchObject({
      segments: 2,
      perSegment: 67,
      remainingInSegment: 67 - 4,
    });
    expect(countSegments('ç'.repeat(134)).segments).toBe(2);
    expect(countSegments('ç'.repeat(135)).segments).toBe(3);
  });

  it('names a curly apostrophe as the character that costs the cheaper encoding', () => {
    const count = countSegments('Max’s bath is done');
    expect(count.encoding).toBe('UCS-2');
    expect(count.nonGsmCharacters).toEqual(['’']);
    expect(countSegments("Max's bath is done").encoding).toBe('GSM-7');
  });

  it('counts a family emoji as one character but many units', () => {
    const count = countSegments('👨‍👩‍👧');
    expect(count.characters).toBe(1);
    expect(count.units).toBe(8);
  });

  it('a 160-character GSM text becomes three segments when one emoji is added', () => {
    expect(countSegments(`${'a'.repeat(159)}🐶`)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
  });
});

describe('countSegments: any input', () => {
  it('never throws and stays consistent', () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.string({ unit: anyCodeUnit }),
        ),
        (text) => {
          const count = countSegments(text);
          if (text.length === 0) expect(count.segments).toBe(0);
          else expect(count.segments).toBeGreaterThanOrEqual(1);
          expect(count.remainingInSegment).toBeGreaterThanOrEqual(0);
          expect(count.remainingInSegment).toBeLessThanOrEqual(count.perSegment);
          if (count.segments > 1) expect(count.units).toBeGreaterThan(count.encoding === 'GSM-7' ? 160 : 70);
          else expect(count.units).toBeLessThanOrEqual(count.encoding === 'GSM-7' ? 160 : 70);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
