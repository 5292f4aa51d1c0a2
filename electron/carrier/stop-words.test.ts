import { describe, expect, it } from 'vitest';
import { isCarrierStartWord, isCarrierStopWord } from './stop-words';

describe('the carrier keyword lists', () => {
  it.each(['STOP', 'stop', ' Stop ', 'STOPALL', 'stop all', 'UNSUBSCRIBE', 'cancel', 'End', 'QUIT'])(
    '"%s" is a carrier stop word',
    (text) => expect(isCarrierStopWord(text)).toBe(true),
  );

  it.each(['stop by at 3', 'please stop', 'REVOKE', 'OPT OUT', 'STOP.', 'START'])(
    '"%s" is not one the carrier acts on by itself',
    (text) => expect(isCarrierStopWord(text)).toBe(false),
  );

  it('knows START and UNSTOP, and nothing else, as the carrier start words', () => {
    expect(['START', 'unstop', 'Un stop', 'YES', 'SUBSCRIBE'].map(isCarrierStartWord)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
