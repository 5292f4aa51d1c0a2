/**
 * The keywords the carrier itself acts on, as Telnyx does: a text that consists solely of one of them (case and
 * whitespace insensitive). This is the carrier's list, not the desk's reply classifier (shared/keywords.ts),
 * which is wider on purpose. The desk uses it to know when the carrier has already confirmed an opt-out.
 */
export const CARRIER_STOP_WORDS: readonly string[] = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
];
export const CARRIER_START_WORDS: readonly string[] = ['START', 'UNSTOP'];

/** "  stop all " → "STOPALL": how the carrier compares a text with a keyword. */
export function carrierKeyword(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** Whether the carrier blocks the number (and, by default, confirms) on this reply by itself. */
export function isCarrierStopWord(text: string): boolean {
  return CARRIER_STOP_WORDS.includes(carrierKeyword(text));
}

/** Whether the carrier lifts its block on this reply by itself. */
export function isCarrierStartWord(text: string): boolean {
  return CARRIER_START_WORDS.includes(carrierKeyword(text));
}
