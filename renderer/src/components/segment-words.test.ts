import { describe, expect, it } from 'vitest';
import { countSegments } from '../../../shared/segments';
import { segmentWords } from './segment-words';

describe('the composer counter in words', () => {
  it('counts a short GSM-7 text as one segment with the room left', () => {
    const words = segmentWords(countSegments('See you at 3'));
    expect(words).toMatchObject({
      characters: '12 characters',
      encoding: 'GSM-7',
      segments: '1 SMS segment',
      room: '148 of 160 left',
      ucs2Because: null,
    });
  });

  it('splits a long text into 153-character parts', () => {
    const words = segmentWords(countSegments('a'.repeat(161)));
    expect(words.segments).toBe('2 SMS segments');
    expect(words.room).toContain('153 per segment');
  });

  it('names the characters that force UCS-2', () => {
    const words = segmentWords(countSegments('Café ready 🐶'));
    expect(words.encoding).toBe('UCS-2 (Unicode)');
    expect(words.ucs2Because).toContain('“🐶”');
    expect(words.room).toBe('57 of 70 left'); // the emoji takes two UCS-2 units
  });

  it('says zero for an empty text', () => {
    expect(segmentWords(countSegments(''))).toMatchObject({
      characters: '0 characters',
      segments: '0 SMS segments',
    });
  });
});
