/**
 * SMS segment counting for the composer and for template previews (PRODUCT.md "Sending by hand" 8): what a
 * text will cost. The encoding rules live in sms-segments-calculator; this module only shapes its answer.
 */
import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  /** Characters as a person counts them: an emoji or an accented letter is one. */
  characters: number;
  /**
   * What the encoding spends: GSM-7 septets, where the extension characters € ^ { } [ ] ~ \ | count two; or
   * UCS-2 16-bit units, where most emoji count two or more. Segment limits are in these units.
   */
  units: number;
  encoding: SmsEncoding;
  /** Texts the carrier sends (and bills); 0 for an empty text. */
  segments: number;
  /** Units that fit in one segment at this length: 160 or 153 per part (GSM-7), 70 or 67 per part (UCS-2). */
  perSegment: number;
  /** Units still free in the last segment before the text grows by one more. */
  remainingInSegment: number;
  /** The characters that forced UCS-2, so staff can replace them (e.g. a curly apostrophe). */
  nonGsmCharacters: string[];
}

const LIMITS: Record<SmsEncoding, { single: number; part: number; bitsPerUnit: number }> = {
  'GSM-7': { single: 160, part: 153, bitsPerUnit: 7 },
  'UCS-2': { single: 70, part: 67, bitsPerUnit: 16 },
};

export function countSegments(text: string): SegmentCount {
  const message = new SegmentedMessage(text);
  const encoding = message.encodingName;
  const limits = LIMITS[encoding];
  if (text.length === 0) {
    return {
      characters: 0,
      units: 0,
      encoding,
      segments: 0,
      perSegment: limits.single,
      remainingInSegment: limits.single,
      nonGsmCharacters: [],
    };
  }
  const units = message.encodedChars.reduce((sum, char) => sum + char.codeUnits.length, 0);
  const segments = message.segmentsCount;
  const last = message.segments[message.segments.length - 1];
  const remainingInSegment = last ? Math.floor(last.freeSizeInBits() / limits.bitsPerUnit) : limits.single;
  return {
    characters: message.graphemes.length,
    units,
    encoding,
    segments,
    perSegment: segments > 1 ? limits.part : limits.single,
    remainingInSegment,
    nonGsmCharacters: [...new Set(message.getNonGsmCharacters())],
  };
}
