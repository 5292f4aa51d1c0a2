import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReplyKind } from './domain';
import {
  HELP_KEYWORDS,
  OPT_IN_KEYWORDS,
  OPT_OUT_KEYWORDS,
  OPT_OUT_PHRASE_EXAMPLES,
  classifyReply,
  keywordKind,
  matchKeyword,
  normalizeReply,
} from './keywords';

/** [reply, expected kind, why: written for every case that a reasonable person could read either way]. */
type Case = readonly [reply: string, kind: ReplyKind, why?: string];

const fullWidth = (text: string) =>
  Array.from(text)
    .map((char) => (char >= '!' && char <= '~' ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char))
    .join('');

const optOutKeywords: Case[] = [
  ['STOP', 'opt_out'],
  ['stop', 'opt_out'],
  ['Stop', 'opt_out'],
  ['sToP', 'opt_out'],
  ['  STOP  ', 'opt_out'],
  ['STOP.', 'opt_out'],
  ['Stop!', 'opt_out'],
  ['STOP!!!', 'opt_out', 'shouting is still the keyword'],
  ['stop?', 'opt_out', 'a question mark cannot un-say an opt-out; erring towards stopping'],
  ['"STOP"', 'opt_out'],
  ['“Stop”', 'opt_out'],
  ['(stop)', 'opt_out'],
  ['*STOP*', 'opt_out'],
  ['¡Stop!', 'opt_out'],
  ['STOP 🛑', 'opt_out'],
  ['🛑 STOP 🛑', 'opt_out'],
  ['stop 😡', 'opt_out'],
  ['👋stop', 'opt_out'],
  ['\tSTOP\n', 'opt_out'],
  ['\u00a0STOP\u3000', 'opt_out', 'no-break and ideographic spaces are spaces'],
  ['\u200bSTOP\u200b', 'opt_out', 'zero-width spaces are invisible'],
  ['ＳＴＯＰ', 'opt_out', 'full-width letters fold to ASCII under NFKC'],
  ['ｓｔｏｐ！', 'opt_out'],
  ['𝐒𝐓𝐎𝐏', 'opt_out', 'mathematical bold letters fold under NFKC'],
  ['Ⓢⓣⓞⓟ', 'opt_out', 'circled letters fold under NFKC'],
  ['stop stop', 'opt_out', 'the keyword repeated is still only the keyword'],
  ['STOP. STOP. STOP.', 'opt_out'],
  ['STOPALL', 'opt_out'],
  ['stopall', 'opt_out'],
  ['STOP ALL', 'opt_out'],
  ['Stop   all', 'opt_out'],
  ['stop-all', 'opt_out'],
  ['UNSUBSCRIBE', 'opt_out'],
  ['Unsubscribe.', 'opt_out'],
  ['unsubscribe!!', 'opt_out'],
  ['CANCEL', 'opt_out'],
  ['cancel', 'opt_out'],
  ['Cancel.', 'opt_out', 'the bare word is the keyword, even if the client may have meant the booking'],
  ['END', 'opt_out'],
  ['end', 'opt_out'],
  ['End.', 'opt_out'],
  ['QUIT', 'opt_out'],
  ['Quit!', 'opt_out'],
  ['REVOKE', 'opt_out'],
  ['revoke', 'opt_out'],
  ['OPTOUT', 'opt_out'],
  ['optout', 'opt_out'],
  ['OPT OUT', 'opt_out'],
  ['opt out', 'opt_out'],
  ['Opt Out.', 'opt_out'],
  ['OPT-OUT', 'opt_out'],
  ['opt-out', 'opt_out'],
  ['Opt–out', 'opt_out', 'an en dash between the words is a separator like a hyphen'],
  ['REMOVE', 'opt_out'],
  ['remove', 'opt_out'],
  [fullWidth('UNSUBSCRIBE'), 'opt_out'],
  [fullWidth('opt-out'), 'opt_out'],
];

const optOutPhrases: Case[] = [
  ['stop texting me', 'opt_out'],
  ['Stop texting me!', 'opt_out'],
  ['STOP TEXTING ME', 'opt_out'],
  ['stop texting', 'opt_out'],
  ['Please stop texting me', 'opt_out', 'courtesy around an unmistakable phrase does not change it'],
  ['Please stop texting me, thanks', 'opt_out'],
  [
    'Could you please stop texting me?',
    'opt_out',
    'a polite question that asks to stop texting is a request',
  ],
  ['stop messaging me', 'opt_out'],
  ['stop contacting me', 'opt_out'],
  ['Stop sending me texts', 'opt_out'],
  ['stop sending me messages', 'opt_out'],
  ['stop sending texts', 'opt_out'],
  ['stop texting me at this number', 'opt_out'],
  ['Stop all texts', 'opt_out'],
  ['unsubscribe me', 'opt_out'],
  ['Unsubscribe me please', 'opt_out'],
  ['unsubscribe me from your list', 'opt_out'],
  ['remove me', 'opt_out'],
  ['remove me from your list', 'opt_out'],
  ['Remove me from this list.', 'opt_out'],
  ['remove me from your texting list', 'opt_out'],
  ['take me off your list', 'opt_out'],
  ['Take me off the text list please', 'opt_out'],
  ["don't text me", 'opt_out'],
  ['don’t text me', 'opt_out', 'curly apostrophe, as phones type it'],
  ['Don‘t text me', 'opt_out', 'the other curly apostrophe'],
  ['dont text me', 'opt_out'],
  ['do not text me', 'opt_out'],
  ["don't text me anymore", 'opt_out'],
  ["Don't text me again!", 'opt_out'],
  ['do not contact me', 'opt_out'],
  ["don't message me", 'opt_out'],
  ['never text me again', 'opt_out'],
  ['opt me out', 'opt_out'],
  ["I'd like to opt out", 'opt_out'],
  ['I’d like to unsubscribe', 'opt_out'],
  ['I want to unsubscribe', 'opt_out'],
  ['I want to stop receiving these texts', 'opt_out'],
  ['I revoke my consent', 'opt_out'],
  ['revoke consent', 'opt_out'],
  ['I do not consent', 'opt_out'],
  ...OPT_OUT_PHRASE_EXAMPLES.map((phrase): Case => [phrase, 'opt_out']),
];

const optInKeywords: Case[] = [
  ['YES', 'opt_in'],
  ['yes', 'opt_in'],
  ['Yes', 'opt_in'],
  ['Yes.', 'opt_in'],
  ['YES!', 'opt_in'],
  ['yes!!!', 'opt_in'],
  ['Yes 👍', 'opt_in'],
  ['😊 yes', 'opt_in'],
  ['  yes  ', 'opt_in'],
  ['"Yes"', 'opt_in'],
  ['ＹＥＳ', 'opt_in'],
  ['yes yes', 'opt_in'],
  ['Y', 'opt_in'],
  ['y', 'opt_in'],
  ['Y.', 'opt_in'],
  ['y!', 'opt_in'],
  ['Ｙ', 'opt_in'],
  ['START', 'opt_in'],
  ['start', 'opt_in'],
  ['Start.', 'opt_in'],
  ['UNSTOP', 'opt_in', 'contains STOP but is its own keyword'],
  ['unstop', 'opt_in'],
  ['SUBSCRIBE', 'opt_in'],
  ['subscribe!', 'opt_in'],
];

const helpKeywords: Case[] = [
  ['HELP', 'help'],
  ['help', 'help'],
  ['Help.', 'help'],
  ['HELP!!!', 'help', 'a bare HELP is the keyword, however loud'],
  ['help?', 'help', 'asking for help with a question mark still wants the help text'],
  ['INFO', 'help'],
  ['info', 'help'],
  ['Info?', 'help'],
  ['ＨＥＬＰ', 'help'],
  ['help help', 'help'],
];

const possibleOptOuts: Case[] = [
  ['Stop. Thank you', 'possible_opt_out', 'STOP plus courtesy: most likely a stop, but not the bare keyword'],
  ['Stop, thanks', 'possible_opt_out'],
  ['please stop', 'possible_opt_out'],
  ['stop please', 'possible_opt_out'],
  ['STOP NOW', 'possible_opt_out'],
  ['stop it', 'possible_opt_out'],
  ['Ok stop', 'possible_opt_out'],
  ['I said STOP', 'possible_opt_out'],
  ['I told you to stop', 'possible_opt_out'],
  ['unsubscribe please', 'possible_opt_out'],
  ['Cancel please', 'possible_opt_out', 'may mean the booking or the texts: a person should read it'],
  ['cancel it', 'possible_opt_out', 'same: the booking or the texts'],
  ['the end', 'possible_opt_out'],
  ['no more texts', 'possible_opt_out'],
  ['No more texts please', 'possible_opt_out'],
  ['no more messages', 'possible_opt_out'],
  ['No more!', 'possible_opt_out'],
  ['no more reminders', 'possible_opt_out', 'stopping one kind of text is for staff to read'],
  ['Stop sending me these reminders', 'possible_opt_out', 'reminders only, not every text'],
  ['take me off', 'possible_opt_out'],
  ['Can you take me off?', 'possible_opt_out'],
  ['Can you stop the texts?', 'possible_opt_out'],
  ['Please quit texting', 'possible_opt_out'],
  ['Please stop sending these', 'possible_opt_out'],
  ['I want to cancel the text reminders', 'possible_opt_out'],
  ['How do I unsubscribe?', 'possible_opt_out'],
  [
    'Thanks for everything! Please stop texting me.',
    'possible_opt_out',
    'the phrase is one sentence of several',
  ],
  ['Max is fine. STOP', 'possible_opt_out', 'STOP as a sentence of its own inside a longer reply'],
  ['STOP, Bella was picked up already', 'possible_opt_out'],
  ['leave me alone', 'possible_opt_out'],
  ['Not interested', 'possible_opt_out'],
  ['No thanks', 'possible_opt_out', 'declining, most likely the opt-in request'],
  ['no thank you', 'possible_opt_out'],
  ['Wrong number', 'possible_opt_out', 'this person should not get texts, but it is not a keyword'],
  ['This is spam', 'possible_opt_out'],
  ['Please don’t text after 8pm', 'possible_opt_out'],
  ['Stop bothering me', 'possible_opt_out'],
  ['yes stop', 'possible_opt_out', 'mixed keywords: the stop wins a review, never an opt-in'],
  ['START STOP', 'possible_opt_out'],
  ['S T O P', 'possible_opt_out', 'spelled out with spaces: not the keyword, but plainly meant as one'],
  ['s.t.o.p', 'possible_opt_out'],
  ['Sto p', 'possible_opt_out'],
  ['stpo', 'possible_opt_out', 'a typo of STOP'],
  ['Stopp', 'possible_opt_out'],
  ['unsubscibe', 'possible_opt_out', 'a typo of UNSUBSCRIBE'],
  ['🛑', 'possible_opt_out', 'a stop sign alone'],
  ['⛔⛔', 'possible_opt_out'],
  ['Can you STOP by later', 'possible_opt_out', 'STOP in capitals inside a sentence: emphasis worth a look'],
];

const messages: Case[] = [
  ['Stop by at 3?', 'message', 'stop is a verb in a sentence'],
  ['stop by at 3', 'message'],
  ['Can I stop at the front desk?', 'message'],
  ['Can I cancel Tuesday?', 'message', 'cancelling a booking, not the texts'],
  ['I need to cancel my appointment', 'message'],
  ['Cancel my appointment please', 'message'],
  ['Cancel Tuesday', 'message'],
  ['Yes, see you then!', 'message', 'YES inside a sentence answers something else'],
  [
    'Yes please',
    'message',
    'not the bare keyword: consent must be unambiguous, so staff see it and the client is asked for YES',
  ],
  ['Yes thank you', 'message'],
  ['Yes?', 'message', 'a question, not agreement'],
  ['Y?', 'message', '"Y?" is chat for "why?"'],
  ['yes?!', 'message'],
  ['Yeah', 'message', 'not one of the opt-in keywords'],
  ['Sure', 'message'],
  ['OK', 'message'],
  ['start again', 'message'],
  ['What time do you start?', 'message'],
  ['Is Max done?', 'message'],
  ['HELP! Max got out', 'message', 'a person asking for help, not the HELP keyword'],
  ['Help, Bella is sick', 'message'],
  ['Can you help me with my booking?', 'message'],
  ['help me', 'message', 'not the bare keyword; staff read it'],
  ['More info please', 'message'],
  ['info about boarding?', 'message'],
  ['yes help', 'message', 'mixed keywords with no opt-out in them'],
  [
    'No',
    'message',
    'too common in conversation to hold texts for; nothing is sent to a non-opted-in number anyway',
  ],
  ["It's the end of the week, right?", 'message'],
  ['See you at the end of the day', 'message'],
  ['Please remove the mats from his coat', 'message'],
  ['Is it ok to quit his meds before surgery?', 'message'],
  ['Thanks!', 'message'],
  ['Max loves it here, thanks!', 'message'],
  ['👍', 'message'],
  ['😀😀😀', 'message'],
  ['', 'message'],
  ['   ', 'message'],
  ['...', 'message'],
  ['Who is this?', 'message'],
  ['top', 'message', 'a real word one letter away from STOP'],
  ['Shop', 'message'],
  ['Step', 'message'],
  ['Stopped by earlier, nobody was there', 'message'],
  ['Bus stop is right outside', 'message'],
  ['I will text you when we start driving', 'message'],
  ['Unstoppable puppy today!', 'message'],
  ['Can you send me a text when he is ready?', 'message'],
  [
    'STOP BY AT 3?',
    'message',
    'all in capitals, so capitals signal nothing: the same sentence as "Stop by at 3?"',
  ],
];

const table: Case[] = [
  ...optOutKeywords,
  ...optOutPhrases,
  ...optInKeywords,
  ...helpKeywords,
  ...possibleOptOuts,
  ...messages,
];

describe('classifyReply: the reply table', () => {
  it('covers at least 150 replies', () => {
    expect(table.length).toBeGreaterThanOrEqual(150);
  });

  const rows = table.map(([reply, kind, why]) => ({ reply, kind, why: why ? `(${why})` : '' }));
  it.each(rows)('$reply → $kind $why', ({ reply, kind }) => {
    expect(classifyReply(reply).kind).toBe(kind);
  });
});

describe('classifyReply: what it reports', () => {
  it('names the keyword, upper case, and the normalised reply', () => {
    expect(classifyReply('  Stop!!! 🛑')).toMatchObject({
      kind: 'opt_out',
      keyword: 'STOP',
      normalized: 'stop',
    });
    expect(classifyReply('opt-out')).toMatchObject({ keyword: 'OPT-OUT' });
    expect(classifyReply('Opt out')).toMatchObject({ keyword: 'OPT OUT' });
    expect(classifyReply('stop all')).toMatchObject({ keyword: 'STOP ALL' });
    expect(classifyReply('StopAll')).toMatchObject({ keyword: 'STOPALL' });
    expect(classifyReply('y')).toMatchObject({ kind: 'opt_in', keyword: 'Y' });
  });

  it('names the phrase for an unmistakable opt-out', () => {
    expect(classifyReply('Please stop texting me!').keyword).toBe('STOP TEXTING ME');
  });

  it('gives a reason in words for a review, and no keyword', () => {
    const review = classifyReply('Stop. Thank you');
    expect(review.keyword).toBeNull();
    expect(review.reason).toMatch(/opt-out word/);
  });
});

describe('normalizeReply', () => {
  it.each([
    ['  STOP  ', 'stop'],
    ['ＳＴＯＰ', 'stop'],
    ['Stop.   Thank\n\tyou!!', 'stop. thank you'],
    ['🛑 stop 🛑', 'stop'],
    ['Don’t text me', "don't text me"],
    ['\u200bStop\u200d', 'stop'],
    ['¿Qué?', 'qué'],
    ['!!!', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeReply(input)).toBe(expected);
  });
});

describe('the keyword lists', () => {
  it('holds every keyword PRODUCT.md names, each read as its own kind', () => {
    expect([...OPT_OUT_KEYWORDS].sort()).toEqual(
      [
        'CANCEL',
        'END',
        'OPT OUT',
        'OPT-OUT',
        'OPTOUT',
        'QUIT',
        'REMOVE',
        'REVOKE',
        'STOP',
        'STOP ALL',
        'STOPALL',
        'UNSUBSCRIBE',
      ].sort(),
    );
    expect([...OPT_IN_KEYWORDS].sort()).toEqual(['START', 'SUBSCRIBE', 'UNSTOP', 'Y', 'YES']);
    expect([...HELP_KEYWORDS].sort()).toEqual(['HELP', 'INFO']);
    for (const keyword of OPT_OUT_KEYWORDS) expect(keywordKind(keyword)).toBe('opt_out');
    for (const keyword of OPT_IN_KEYWORDS) expect(keywordKind(keyword)).toBe('opt_in');
    for (const keyword of HELP_KEYWORDS) expect(keywordKind(keyword)).toBe('help');
    expect(keywordKind('booking')).toBeNull();
    expect(keywordKind('stop stop')).toBeNull();
  });

  it('matchKeyword sees only bare keywords, as a carrier does', () => {
    expect(matchKeyword(' stop! ')).toEqual({ kind: 'opt_out', keyword: 'STOP' });
    expect(matchKeyword('UNSTOP')).toEqual({ kind: 'opt_in', keyword: 'UNSTOP' });
    expect(matchKeyword('stop texting me')).toBeNull();
    expect(matchKeyword('yes stop')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: anyCodeUnit, maxLength: 60 }),
);

const ALL_KEYWORDS = [...OPT_OUT_KEYWORDS, ...OPT_IN_KEYWORDS, ...HELP_KEYWORDS];

/** Everyday words of a pet-care thread, none of them a keyword, courtesy or a word about texting. */
const ORDINARY_WORDS = [
  'max',
  'bella',
  'is',
  'ready',
  'at',
  '3',
  'pick',
  'up',
  'tomorrow',
  'grooming',
  'can',
  'we',
  'bath',
  'walk',
  'see',
  'then',
  'booking',
  'tuesday',
  'morning',
  'his',
  'her',
  'leash',
  'food',
  'vet',
  'nails',
  'appointment',
  'by',
  'when',
  'how',
  'long',
  'will',
  'take',
  'a',
  'dog',
  'cat',
  'friday',
  'noon',
];

const randomCase = (word: string, pattern: boolean[]) =>
  Array.from(word)
    .map((char, index) => (pattern[index % Math.max(pattern.length, 1)] ? char.toUpperCase() : char))
    .join('');

describe('classifyReply: properties', () => {
  it('never throws, and always returns a known kind', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = classifyReply(text);
        expect(['opt_out', 'opt_in', 'help', 'possible_opt_out', 'message']).toContain(result.kind);
        expect(typeof result.normalized).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('never reads a keyword inside a longer ordinary sentence as an opt-in, an opt-out or a HELP', () => {
    const sentence = fc.record({
      before: fc.array(fc.constantFrom(...ORDINARY_WORDS), { maxLength: 6 }),
      after: fc.array(fc.constantFrom(...ORDINARY_WORDS), { maxLength: 6 }),
      keyword: fc.constantFrom(...ALL_KEYWORDS),
      casing: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      separator: fc.constantFrom(' ', ', ', ' - ', '  '),
      ending: fc.constantFrom('', '?', '!', '.', ' 🐶'),
    });
    fc.assert(
      fc.property(
        sentence.filter(({ before, after }) => before.length + after.length >= 2),
        ({ before, after, keyword, casing, separator, ending }) => {
          const words = [...before, randomCase(keyword, casing), ...after];
          const reply = words.join(separator) + ending;
          expect(['message', 'possible_opt_out']).toContain(classifyReply(reply).kind);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads a keyword alone as its kind, however it is cased, spaced, punctuated or decorated', () => {
    const decoration = fc.string({
      unit: fc.constantFrom(
        ' ',
        '\t',
        '\u00a0',
        '!',
        '.',
        ',',
        '"',
        '“',
        '”',
        '*',
        '🛑',
        '😀',
        '👍',
        '🐶',
        '(',
        ')',
        '\u200b',
      ),
      maxLength: 5,
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_KEYWORDS),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        decoration,
        decoration,
        (keyword, casing, wide, before, after) => {
          const word = randomCase(keyword, casing);
          const reply = before + (wide ? fullWidth(word) : word) + after;
          expect(classifyReply(reply).kind).toBe(keywordKind(keyword));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('normalising twice changes nothing more than normalising once', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalizeReply(text);
        expect(normalizeReply(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
