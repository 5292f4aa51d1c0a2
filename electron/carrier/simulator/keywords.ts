export { CARRIER_START_WORDS, CARRIER_STOP_WORDS, carrierKeyword } from '../stop-words';

/** What the carrier answers a STOP with when the profile leaves its default on. */
export const DEFAULT_STOP_REPLY =
  'You have been unsubscribed and will receive no more messages from this number. Reply START to resubscribe.';
