/**
 * The reply classifier (PRODUCT.md "Replies from clients"): what a client's text means for consent.
 *
 * Keywords count only as the WHOLE reply, after normalising: "STOP!!!" opts out, "Stop by at 3?" does not.
 * Between those two sits a review list: a reply that reads like a wish to stop but is not a keyword or an
 * unmistakable phrase goes to staff ("possible_opt_out") instead of being guessed either way.
 *
 * The lopsided rule on purpose: an opt-out read too eagerly costs a review; an opt-in read too eagerly
 * texts someone who never agreed. So opt-in needs the bare keyword, nothing else.
 *
 * Pure and linear in the length of the reply: no regular expression here backtracks over the whole text.
 */
import type { ReplyKind } from './domain';

/** The opt-out words (CTIA list, carrier defaults and the FCC 2025 revocation words), as a person writes them. */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
  'OPT OUT',
  'OPT-OUT',
  'REMOVE',
] as const;
export const OPT_IN_KEYWORDS = ['YES', 'Y', 'START', 'UNSTOP', 'SUBSCRIBE'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export type KeywordKind = Extract<ReplyKind, 'opt_out' | 'opt_in' | 'help'>;

/** Examples of the phrases read as an opt-out as surely as STOP (the grammar below accepts close variants). */
export const OPT_OUT_PHRASE_EXAMPLES = [
  'stop texting me',
  'stop messaging me',
  'stop sending me texts',
  'unsubscribe me',
  'remove me from your list',
  'take me off your list',
  "don't text me",
  'do not contact me',
  'opt me out',
  "I'd like to opt out",
  'I revoke my consent',
] as const;

export interface ReplyClassification {
  kind: ReplyKind;
  /** The reply after normalising (NFKC, lower case, spaces collapsed, surrounding punctuation and emoji gone). */
  normalized: string;
  /** What matched, upper case: a keyword ("STOP") or a phrase ("STOP TEXTING ME"); null for none. */
  keyword: string | null;
  /** Why, in plain words: shown on the review list and kept for the audit. */
  reason: string;
}

// ---------------------------------------------------------------------------------------------------------
// Normalising

/** Apostrophe look-alikes phones put in ("don’t"): all read as a plain apostrophe. */
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u02BB\u0060\u00B4\uFF07]/g;
/** Invisible format characters (zero-width space and joiner, bidi marks, soft hyphen, byte-order mark). */
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Unicode NFKC (full-width "ＳＴＯＰ" and styled "𝐒𝐓𝐎𝐏" become STOP), lower case, whitespace collapsed, and
 * anything that is not a letter or digit dropped from both ends (punctuation, emoji, quotes). Inner
 * punctuation stays: "Stop. Thank you" keeps its full stop, which the classifier reads.
 */
export function normalizeReply(text: string): string {
  const folded = text
    .normalize('NFKC')
    .replace(FORMAT_CHARACTERS, '')
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\s+/gu, ' ');
  return trimToLettersAndDigits(folded);
}

/** Trims non-letters from both ends by walking code points: a regex anchored at the end would be quadratic. */
function trimToLettersAndDigits(text: string): string {
  const points = Array.from(text);
  let start = 0;
  let end = points.length;
  while (start < end && !LETTER_OR_DIGIT.test(points[start]!)) start++;
  while (end > start && !LETTER_OR_DIGIT.test(points[end - 1]!)) end--;
  return points.slice(start, end).join('');
}

/** Words of a normalised reply; apostrophes dropped inside words, so "don't" and "dont" read alike. */
function wordsOf(normalized: string): string[] {
  return normalized
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/'/g, ''))
    .filter((word) => word.length > 0);
}

// ---------------------------------------------------------------------------------------------------------
// Keyword-only replies

interface KeywordHit {
  kind: KeywordKind;
  keyword: string;
}

const SINGLE_WORD_KEYWORDS = new Map<string, KeywordHit>();
for (const [kind, list] of [
  ['opt_out', OPT_OUT_KEYWORDS],
  ['opt_in', OPT_IN_KEYWORDS],
  ['help', HELP_KEYWORDS],
] as const) {
  for (const keyword of list) {
    if (/^[A-Z]+$/.test(keyword)) SINGLE_WORD_KEYWORDS.set(keyword.toLowerCase(), { kind, keyword });
  }
}

/**
 * Reads a reply made only of keywords ("STOP", "stop stop", "opt-out", "Yes yes"); null when any word is not
 * part of one. Two-word keywords (STOP ALL, OPT OUT) are read before their first word alone.
 */
function keywordsOnly(words: string[]): KeywordHit[] | null {
  const hits: KeywordHit[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const next = words[index + 1];
    if (word === 'stop' && next === 'all') {
      hits.push({ kind: 'opt_out', keyword: 'STOP ALL' });
      index++;
    } else if (word === 'opt' && next === 'out') {
      hits.push({ kind: 'opt_out', keyword: 'OPT OUT' });
      index++;
    } else {
      const hit = SINGLE_WORD_KEYWORDS.get(word);
      if (!hit) return null;
      hits.push(hit);
    }
  }
  return hits.length > 0 ? hits : null;
}

/**
 * The keyword a reply consists of, if it is nothing but one (repeated): what a carrier's own keyword
 * matching sees. The demo carrier uses it; the desk uses classifyReply, which also reads phrases.
 */
export function matchKeyword(text: string): KeywordHit | null {
  const normalized = normalizeReply(text);
  const hits = keywordsOnly(wordsOf(normalized));
  if (!hits) return null;
  const first = hits[0]!;
  if (hits.some((hit) => hit.kind !== first.kind)) return null;
  return { kind: first.kind, keyword: displayKeyword(first.keyword, normalized) };
}

/** The kind of one keyword as written in a template or a list ("stop", "OPT-OUT"); null if it is none. */
export function keywordKind(word: string): KeywordKind | null {
  const hits = keywordsOnly(wordsOf(normalizeReply(word)));
  return hits && hits.length === 1 ? hits[0]!.kind : null;
}

function displayKeyword(keyword: string, normalized: string): string {
  if (keyword === 'OPT OUT' && normalized.includes('opt-out')) return 'OPT-OUT';
  return keyword;
}

// ---------------------------------------------------------------------------------------------------------
// Unmistakable opt-out phrases

/** Words of courtesy around a phrase that do not change what it says ("please stop texting me, thanks"). */
const LEADING_COURTESY = [
  'please',
  'pls',
  'plz',
  'kindly',
  'hi',
  'hello',
  'hey',
  'ok',
  'okay',
  'sorry',
  'but',
  'just',
  'can you',
  'could you',
  'would you',
  'will you',
  'can u',
  'could u',
  'can you please',
  'could you please',
  'would you please',
];
const TRAILING_COURTESY = [
  'please',
  'pls',
  'plz',
  'thanks',
  'thank you',
  'thx',
  'ty',
  'now',
  'asap',
  'immediately',
  'right now',
  'ok',
  'okay',
  'sorry',
  'seriously',
];

const byLengthDescending = (phrases: string[]) =>
  phrases.map((phrase) => phrase.split(' ')).sort((a, b) => b.length - a.length);
const LEADING_COURTESY_WORDS = byLengthDescending(LEADING_COURTESY);
const TRAILING_COURTESY_WORDS = byLengthDescending(TRAILING_COURTESY);

/** The words without courtesy at either end; never strips a reply down to nothing. */
function stripCourtesy(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  const fits = (parts: string[], from: number) =>
    parts.length < end - start && parts.every((part, offset) => words[from + offset] === part);
  for (let changed = true; changed;) {
    changed = false;
    const lead = LEADING_COURTESY_WORDS.find((parts) => fits(parts, start));
    if (lead) {
      start += lead.length;
      changed = true;
    }
    const tail = TRAILING_COURTESY_WORDS.find((parts) => fits(parts, end - parts.length));
    if (tail) {
      end -= tail.length;
      changed = true;
    }
  }
  return words.slice(start, end);
}

const TEXTS = '(?:texts?|txts?|text messages?|messages?|msgs?|sms|sms messages)';
/** Reminders and alerts are one kind of text: stopping only them is for a person to read, not a full opt-out. */
const SOME_TEXTS = '(?:reminders?|notifications?|alerts?|updates?)';
const LIST =
  '(?:(?:your|this|the|my|all|all your|all of your|all the) )?(?:(?:mailing|text|texting|sms|message|messaging|contact|call|marketing) )?(?:list|lists|texts|messages|database|contacts|system)';
const SENDING = `(?:texting|txting|texing|messaging|msging|smsing|contacting|sending (?:me )?(?:any |these |those |the |your )?(?:more )?${TEXTS}|sending me)`;
const ANYMORE = '(?: (?:anymore|any more|again|ever again|at this number|on this number|here))?';

/**
 * Phrases that say "stop texting me" as surely as STOP does. Matched against the whole reply (courtesy words
 * aside) with words joined by single spaces and apostrophes removed ("don't" is "dont").
 */
const OPT_OUT_PHRASES: RegExp[] = [
  new RegExp(`^stop (?:all )?${SENDING}(?: me)?${ANYMORE}$`),
  new RegExp(`^stop all (?:the |these |your )?${TEXTS}$`),
  new RegExp(`^unsubscribe me(?: (?:from|off) ${LIST})?${ANYMORE}$`),
  new RegExp(`^unsubscribe (?:from|off) ${LIST}$`),
  new RegExp(`^remove me(?: (?:from|off) ${LIST})?${ANYMORE}$`),
  new RegExp(`^(?:take|delete) me off ${LIST}$`),
  new RegExp(`^opt me out(?: of ${LIST})?$`),
  new RegExp(
    `^(?:dont|do not|never|please dont|please do not) (?:ever )?(?:text|txt|message|msg|sms|contact|text or call|call or text) me${ANYMORE}$`,
  ),
  new RegExp(
    `^i (?:want|would like|d like|id like|wish|need|wanna) to (?:unsubscribe|opt out|optout|be removed(?: from ${LIST})?|stop (?:receiving|getting) (?:any |these |your |the )?${TEXTS})$`,
  ),
  /^(?:id like|i would like) to (?:unsubscribe|opt out|optout)$/,
  /^(?:i )?(?:revoke|withdraw) (?:my )?consent(?: to (?:be texted|texts|receive texts|receive messages))?$/,
  /^i (?:dont|do not|no longer) consent(?: to (?:be texted|texts|receive texts|receive messages))?$/,
];

function optOutPhrase(words: string[]): string | null {
  const core = stripCourtesy(words);
  // Phrases are short; a long reply is never one of them, and this keeps the work bounded.
  if (core.length === 0 || core.length > 16) return null;
  const joined = core.join(' ');
  return OPT_OUT_PHRASES.some((pattern) => pattern.test(joined)) ? joined.toUpperCase() : null;
}

// ---------------------------------------------------------------------------------------------------------
// Possible opt-outs: for a person to decide

/** Words that may stand beside an opt-out word without giving it another meaning ("Stop. Thank you"). */
const FILLER = new Set([
  'please',
  'pls',
  'plz',
  'thanks',
  'thank',
  'you',
  'u',
  'ty',
  'thx',
  'ok',
  'okay',
  'now',
  'it',
  'all',
  'just',
  'already',
  'asap',
  'immediately',
  'right',
  'sorry',
  'hi',
  'hello',
  'hey',
  'seriously',
  'me',
  'again',
  'the',
  'i',
  'said',
  'told',
  'to',
  'so',
  'much',
  'sir',
  'maam',
  'no',
  'more',
  'anymore',
  'oh',
  'and',
]);

const OPT_OUT_WORDS = new Set(
  [...SINGLE_WORD_KEYWORDS.entries()].filter(([, hit]) => hit.kind === 'opt_out').map(([word]) => word),
);

/** Verbs that, close before a word for texts, read like "stop the texts". */
const STOPPING_VERBS = new Set([
  'stop',
  'stopall',
  'quit',
  'end',
  'cancel',
  'unsubscribe',
  'halt',
  'pause',
  'remove',
]);
const TEXT_WORDS = new Set([
  'text',
  'texts',
  'txt',
  'txts',
  'texting',
  'sms',
  'message',
  'messages',
  'messaging',
  'msgs',
  'reminder',
  'reminders',
  'notifications',
  'alerts',
  'contacting',
]);

/** Phrases that anywhere in a reply read like a wish to stop; matched on words joined by single spaces. */
const STOP_WISHES: { pattern: RegExp; reason: string }[] = [
  { pattern: new RegExp(`\\bno more(?: ${TEXTS}| ${SOME_TEXTS}|$)`), reason: 'asks for no more texts' },
  { pattern: /\b(?:take|get) me off\b/, reason: 'asks to be taken off' },
  { pattern: /\bremove me\b/, reason: 'asks to be removed' },
  { pattern: /\b(?:unsubscribe|unsub|unsubscribed|unsubscribing)\b/, reason: 'mentions unsubscribing' },
  { pattern: /\b(?:opt(?: me)? out|optout|opted out|opting out)\b/, reason: 'mentions opting out' },
  { pattern: /\brevoke\b/, reason: 'mentions revoking' },
  { pattern: /\bleave me alone\b/, reason: 'asks to be left alone' },
  { pattern: /\bnot interested\b/, reason: 'says not interested' },
  { pattern: /\bwrong (?:number|person)\b/, reason: 'says it is the wrong number' },
  {
    pattern:
      /\b(?:dont|do not|never|quit|stop) (?:ever )?(?:text|txt|message|msg|sms|contact|texting|messaging|contacting|sending)\b/,
    reason: 'asks not to be texted',
  },
  { pattern: /\bstop (?:bothering|harassing|spamming)\b/, reason: 'asks to stop being bothered' },
  { pattern: /\bspam\b/, reason: 'calls the texts spam' },
];

/** Whole replies (courtesy aside) that decline: a "no thanks" to an opt-in request is for a person to read. */
const DECLINES = new Set(['no thanks', 'no thank you', 'no thx', 'nope thanks', 'not interested']);

/** Signs people send instead of the word. */
const STOP_SIGNS = /[\u{1F6D1}\u26D4\u{1F6AB}]/u;

/** Everyday words one typo away from STOP that must not go to review. */
const STOP_LOOKALIKES = new Set(['top', 'shop', 'step', 'slop', 'atop', 'stoop', 'stow', 'soap', 'stoa']);

function possibleOptOut(text: string, normalized: string, words: string[]): string | null {
  if (words.length === 0) return STOP_SIGNS.test(text) ? 'is a stop sign emoji' : null;

  if (
    words.some((word) => OPT_OUT_WORDS.has(word)) &&
    words.every((word) => OPT_OUT_WORDS.has(word) || FILLER.has(word))
  ) {
    return 'is an opt-out word with other words beside it';
  }

  const sentenceReason = optOutSentence(normalized, words.length);
  if (sentenceReason) return sentenceReason;

  for (let index = 0; index < words.length; index++) {
    if (!STOPPING_VERBS.has(words[index]!)) continue;
    for (let ahead = index + 1; ahead <= index + 3 && ahead < words.length; ahead++) {
      if (TEXT_WORDS.has(words[ahead]!)) return `asks to ${words[index]} ${words[ahead]}`;
    }
  }

  const joined = words.join(' ');
  for (const wish of STOP_WISHES) if (wish.pattern.test(joined)) return wish.reason;
  if (DECLINES.has(joined) || DECLINES.has(stripCourtesy(words).join(' '))) return 'declines';

  if (
    /[a-z]/.test(text) &&
    /(?:^|[^\p{L}\p{N}])(?:STOP|STOPALL|UNSUBSCRIBE|OPTOUT|REVOKE)(?![\p{L}\p{N}])/u.test(
      text.normalize('NFKC'),
    )
  ) {
    return 'writes an opt-out word in capitals inside a sentence';
  }

  if (words.length > 1 && words.length <= 12 && words.every((word) => word.length <= 3)) {
    const spelled = words.join('');
    if (OPT_OUT_WORDS.has(spelled)) return `spells out ${spelled.toUpperCase()}`;
  }
  if (words.length === 1) {
    const word = words[0]!;
    if (!STOP_LOOKALIKES.has(word) && word.length >= 3 && oneEditApart(word, 'stop'))
      return 'looks like a misspelt STOP';
    if (word.length >= 9 && editDistanceAtMost(word, 'unsubscribe', 2))
      return 'looks like a misspelt UNSUBSCRIBE';
  }
  return null;
}

/**
 * A reply of several sentences where one of them is an opt-out keyword or phrase on its own ("Stop. Thank
 * you", "Thanks for everything! Please stop texting me"): it says stop, but not as the whole reply.
 */
function optOutSentence(normalized: string, wordCount: number): string | null {
  const sentences = normalized.split(/[.!?;,:\n]+|\s-\s/);
  if (sentences.length < 2) return null;
  for (const sentence of sentences) {
    const words = wordsOf(sentence);
    if (words.length === 0 || words.length === wordCount) continue;
    const hits = keywordsOnly(stripCourtesy(words));
    if (hits?.some((hit) => hit.kind === 'opt_out')) return 'has an opt-out word as a sentence of its own';
    if (optOutPhrase(words)) return 'has an opt-out phrase inside a longer reply';
  }
  return null;
}

function oneEditApart(a: string, b: string): boolean {
  return editDistanceAtMost(a, b, 1);
}

/** Optimal string alignment distance (a swap of two neighbours counts as one edit), bounded by `limit`. */
function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([]);
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        rows[i]![j] = i + j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]! <= limit;
}

// ---------------------------------------------------------------------------------------------------------

/** True when what was trimmed off the end of the reply holds a question mark: "Yes?" asks, it does not agree. */
function endsAsQuestion(text: string): boolean {
  const trimmed = text.normalize('NFKC');
  for (let index = trimmed.length - 1; index >= 0; index--) {
    const char = trimmed[index]!;
    if (LETTER_OR_DIGIT.test(char)) return false;
    if (char === '?') return true;
  }
  return false;
}

/** What a client's reply means: an opt-out, an opt-in, a HELP, a possible opt-out for review, or a message. */
export function classifyReply(text: string): ReplyClassification {
  const normalized = normalizeReply(text);
  const words = wordsOf(normalized);

  const hits = keywordsOnly(words);
  if (hits) {
    const kinds = new Set(hits.map((hit) => hit.kind));
    const first = hits[0]!;
    const keyword = displayKeyword(first.keyword, normalized);
    if (kinds.size === 1) {
      if (first.kind === 'opt_in' && endsAsQuestion(text)) {
        return {
          kind: 'message',
          normalized,
          keyword: null,
          reason: `${keyword} asked as a question is not consent`,
        };
      }
      return { kind: first.kind, normalized, keyword, reason: `The reply is the keyword ${keyword}` };
    }
    if (kinds.has('opt_out')) {
      return {
        kind: 'possible_opt_out',
        normalized,
        keyword: null,
        reason: 'The reply mixes an opt-out word with other keywords',
      };
    }
    return {
      kind: 'message',
      normalized,
      keyword: null,
      reason: 'The reply mixes keywords of different kinds',
    };
  }

  const phrase = optOutPhrase(words);
  if (phrase) return { kind: 'opt_out', normalized, keyword: phrase, reason: `The reply says "${phrase}"` };

  const maybe = possibleOptOut(text, normalized, words);
  if (maybe) return { kind: 'possible_opt_out', normalized, keyword: null, reason: `The reply ${maybe}` };

  return { kind: 'message', normalized, keyword: null, reason: 'An ordinary message' };
}
