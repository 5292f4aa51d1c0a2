import type { SegmentCount } from '../../../shared/segments';

export interface SegmentWords {
  /** "42 characters" */
  characters: string;
  /** "GSM-7" or "UCS-2 (Unicode)" */
  encoding: string;
  /** "1 SMS segment", "3 SMS segments" */
  segments: string;
  /** Room left before the text costs one more segment, or how a long text is split. */
  room: string;
  /** Why the text went UCS-2, naming the characters, so staff can replace them; null for GSM-7. */
  ucs2Because: string | null;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The composer's counter in words: what the text will cost, and why when it costs more than it seems. */
export function segmentWords(count: SegmentCount): SegmentWords {
  const characters = plural(count.characters, 'character');
  const encoding = count.encoding === 'GSM-7' ? 'GSM-7' : 'UCS-2 (Unicode)';
  const segments = plural(count.segments, 'SMS segment');
  const room =
    count.segments <= 1
      ? `${count.remainingInSegment} of ${count.perSegment} left`
      : `${count.remainingInSegment} left in the last part · ${count.perSegment} per segment when split`;
  const shown = count.nonGsmCharacters.slice(0, 5).map((character) => `“${character}”`);
  const ucs2Because =
    count.encoding === 'UCS-2' && shown.length > 0
      ? `UCS-2 because of ${shown.join(' ')}${count.nonGsmCharacters.length > 5 ? ' and more' : ''}: a text then holds 70 characters, not 160.`
      : null;
  return { characters, encoding, segments, room, ucs2Because };
}
