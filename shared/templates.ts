/**
 * The texts the app sends, their editable templates and the rules a template must keep (PRODUCT.md "Every
 * text carries the rules"). Pure: the consent service renders the app's own texts with these, the automation
 * renders confirmations, reminders and thank-yous, and the settings screen validates and previews edits.
 */
import type { Automation } from './domain';
import { DeskError } from './errors';
import { keywordKind } from './keywords';
import { countSegments, type SegmentCount } from './segments';

export const SYSTEM_TEMPLATE_KINDS = [
  'opt_in_request',
  'opt_in_confirmation',
  'opt_out_confirmation',
  'help_reply',
] as const;
export type SystemTemplateKind = (typeof SYSTEM_TEMPLATE_KINDS)[number];
export const TEMPLATE_KINDS = [...SYSTEM_TEMPLATE_KINDS, 'confirmation', 'reminder', 'thank_you'] as const;
export type TemplateKind = SystemTemplateKind | Automation;

export const TEMPLATE_LABELS: Record<TemplateKind, string> = {
  opt_in_request: 'Opt-in request',
  opt_in_confirmation: 'Opt-in confirmation',
  opt_out_confirmation: 'Opt-out confirmation',
  help_reply: 'Help reply',
  confirmation: 'Booking confirmation',
  reminder: 'Reminder',
  thank_you: 'Thank-you',
};

/**
 * The merge fields a template may use, written in braces: "{petName}". Case matters. Values are filled in as
 * given (whitespace collapsed), once: a value that itself contains braces is never read as a field.
 */
export const MERGE_FIELDS = {
  clientFirstName: "The client's first name, e.g. Dana",
  petName: 'The pet or pets the text is about, e.g. Max, or Max and Bella',
  service: 'The booked service, e.g. Full groom',
  date: "The appointment's day in the business's time zone, e.g. Tue, Mar 4",
  time: "The appointment's start time, e.g. 9:30 AM",
  businessName: 'The business name from Settings',
  businessEmail: 'The business email from Settings',
  businessPhone: 'The business phone from Settings',
} as const;
export type MergeField = keyof typeof MERGE_FIELDS;
export type MergeValues = Partial<Record<MergeField, string>>;

const BUSINESS_FIELDS = [
  'businessName',
  'businessEmail',
  'businessPhone',
] as const satisfies readonly MergeField[];
const ALL_FIELDS = Object.keys(MERGE_FIELDS) as MergeField[];

/**
 * Which fields each template may use. The confirmations and the help reply answer a number, and a number may
 * belong to no client (an unknown sender) or to several (a household), so they know only the business.
 */
export const FIELDS_BY_KIND: Record<TemplateKind, readonly MergeField[]> = {
  opt_in_request: [...BUSINESS_FIELDS, 'clientFirstName'],
  opt_in_confirmation: BUSINESS_FIELDS,
  opt_out_confirmation: BUSINESS_FIELDS,
  help_reply: BUSINESS_FIELDS,
  confirmation: ALL_FIELDS,
  reminder: ALL_FIELDS,
  thank_you: ALL_FIELDS,
};

/** Values for previews: realistic lengths, so the segment count staff see is the one clients will cost. */
export const SAMPLE_VALUES: Record<MergeField, string> = {
  clientFirstName: 'Alexandra',
  petName: 'Max and Bella',
  service: 'Full groom',
  date: 'Tue, Mar 4',
  time: '9:30 AM',
  businessName: 'Happy Tails Pet Resort',
  businessEmail: 'frontdesk@happytails.example',
  businessPhone: '(555) 010-2030',
};

/** Plain ASCII apostrophes throughout: one curly quote would make every text UCS-2 and cost double. */
export const DEFAULT_TEMPLATES: Record<TemplateKind, string> = {
  opt_in_request:
    "{businessName}: We'd like to text you about your pets' bookings: confirmations, reminders and updates. " +
    'Msg frequency varies. Reply YES to opt in, STOP to opt out, HELP for help. Msg & data rates may apply.',
  opt_in_confirmation:
    "{businessName}: Thanks! You're opted in to texts about your pets' bookings (confirmations, reminders, " +
    'updates). Msg frequency varies. Msg & data rates may apply. Reply HELP for help, STOP to opt out.',
  opt_out_confirmation:
    "{businessName}: You're unsubscribed and will get no more texts. Reply START to resubscribe.",
  help_reply:
    '{businessName}: For help, email {businessEmail} or call {businessPhone}. Reply STOP to opt out. ' +
    'Msg & data rates may apply.',
  confirmation:
    "{businessName}: Hi {clientFirstName}, {petName}'s {service} is booked for {date} at {time}. " +
    'Questions? Call {businessPhone}. Reply STOP to opt out.',
  reminder:
    "{businessName}: Reminder: {petName}'s {service} is on {date} at {time}. See you soon! Reply STOP to opt out.",
  thank_you:
    '{businessName}: Thank you, {clientFirstName}! We loved having {petName} in for {service}. Reply STOP to opt out.',
};

export const MAX_TEMPLATE_LENGTH = 1_000;

/** The template for a kind: the staff's edit if there is one (settings.templates), else the default. */
export function templateFor(kind: TemplateKind, edited: Readonly<Record<string, string>> = {}): string {
  const text = edited[kind];
  return text !== undefined && text.trim().length > 0 ? text : DEFAULT_TEMPLATES[kind];
}

// ---------------------------------------------------------------------------------------------------------
// Merge fields

interface ParsedFields {
  /** Field names as written between the braces (trimmed). */
  names: string[];
  /** A brace without its pair, if any. */
  strayBrace: boolean;
}

const FIELD = /\{([^{}]*)\}/g;
const STRAY_BRACE = 'A { or } is missing its pair; merge fields look like {petName}.';

function parseFields(template: string): ParsedFields {
  const names = [...template.matchAll(FIELD)].map((match) => match[1]!.trim());
  const strayBrace = /[{}]/.test(template.replace(FIELD, ''));
  return { names, strayBrace };
}

function isMergeField(name: string): name is MergeField {
  return Object.prototype.hasOwnProperty.call(MERGE_FIELDS, name);
}

function unknownFieldMessage(name: string): string {
  const nearly = ALL_FIELDS.find((field) => field.toLowerCase() === name.toLowerCase());
  const hint = nearly
    ? ` Did you mean {${nearly}}?`
    : ` Known fields: ${ALL_FIELDS.map((f) => `{${f}}`).join(', ')}.`;
  return `Unknown merge field {${name}}.${hint}`;
}

/**
 * Fills a template's merge fields. An unknown field, a stray brace or a field without a value is an error
 * naming it: a text never goes out with "{petName}" in it, nor with a blank where a name should be.
 */
export function renderTemplate(template: string, values: MergeValues): string {
  const { names, strayBrace } = parseFields(template);
  if (strayBrace) {
    throw new DeskError('invalid_input', STRAY_BRACE, 'template');
  }
  for (const name of names) {
    if (!isMergeField(name)) throw new DeskError('invalid_input', unknownFieldMessage(name), 'template');
    const value = values[name];
    if (value === undefined || value.trim().length === 0) {
      throw new DeskError('invalid_input', `No value for the merge field {${name}}.`, name);
    }
  }
  return template.replace(FIELD, (_match, raw: string) =>
    values[raw.trim() as MergeField]!.replace(/\s+/g, ' ').trim(),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Reply instructions
//
// The opt-out word rule. The carrier and the law read a reply by its word alone: a client who answers CANCEL
// has opted out, whatever the template meant by it. So a template may ask for an opt-out word only AS the
// opt-out instruction. We look at every word a template asks clients to reply with (the word right after
// "reply/text/send/respond", a word written in CAPITALS later in such a sentence, or a word in a list like
// "YES to opt in, STOP to opt out"), and at what the template says it does:
//   - an unambiguous opt-out word (STOP, STOPALL, UNSUBSCRIBE, OPTOUT, OPT OUT) may stand alone ("Reply STOP.")
//     or say it stops texts ("to opt out", "to unsubscribe", "to stop", "to end", "to cancel", "to stop texts");
//   - a word with an everyday meaning (CANCEL, END, QUIT, REVOKE, REMOVE) must say plainly that it stops texts
//     ("Reply CANCEL to stop texts" passes, "Reply CANCEL to cancel" does not: it reads as the booking);
//   - anything else ("Reply CANCEL to cancel your booking", "Reply END to end your session", "reply QUIT",
//     "Reply STOP to cancel your visit") is refused with the reason.
// A sentence that asks for a reply "to cancel your booking" without naming a word is refused too: clients
// will write CANCEL.

const REPLY_VERBS = new Set(['reply', 'replying', 'respond', 'responding', 'text', 'txt', 'send', 'answer']);
const CONNECTORS = new Set(['with', 'back', 'us', 'the', 'word', 'keyword']);
/** Words right after "reply" that are not what to reply with: "reply to this text", "reply if…". */
const NOT_REPLY_WORDS = new Set([
  'to',
  'if',
  'for',
  'and',
  'or',
  'by',
  'within',
  'here',
  'now',
  'please',
  'you',
  'when',
]);
const DETERMINERS = new Set(['this', 'that', 'a', 'an', 'our', 'your', 'my', 'any']);
const UNAMBIGUOUS_OPT_OUT = new Set([
  'stop',
  'stopall',
  'stop all',
  'unsubscribe',
  'optout',
  'opt out',
  'opt-out',
]);
const TEXTS_NOUN =
  '(?:texts?|text messages?|messages?|msgs?|sms|alerts?|notifications?|reminders?|updates?|texting|messaging)';
const SOME = '(?:(?:all|any|these|our|future|the|this|your|my) )*';
/** What an opt-out instruction may say it does, plainly about texts ("of the waitlist" is not about texts). */
const EXPLICIT_OPT_OUT_PURPOSE = new RegExp(
  '^(?:opt[ -]?out|unsubscribe|be removed' +
    `|(?:stop|end|cancel|quit) ${SOME}${TEXTS_NOUN}` +
    `|(?:stop|quit) (?:receiving|getting) ${SOME}${TEXTS_NOUN}` +
    `|no longer (?:receive|get) ${SOME}${TEXTS_NOUN}` +
    `|(?:stop|end|cancel|quit) ${SOME}(?:text |sms )?subscription)` +
    `(?: (?:of|from)(?: ${SOME}(?:${TEXTS_NOUN}|list|us|number))?)*$`,
);
/** Short purposes that read as opt-out only beside an unambiguous word: "Reply STOP to cancel". */
const BARE_STOPPING_PURPOSE = /^(?:stop|end|cancel|quit)(?: (?:all|texts|messages|them|this))?$/;

interface Token {
  word: string;
  raw: string;
}

interface ReplyWord {
  /** The keyword as a phrase: "stop", "opt out". */
  word: string;
  raw: string;
  /** The words after it up to the end of its clause ("to opt out"), lower case, without a leading to/for. */
  purpose: string;
}

function sentencesOf(text: string): string[] {
  return text.split(/[.!?;\n]+/);
}

function tokensOf(sentence: string): Token[] {
  const matches = sentence.replace(/\{[^{}]*\}/g, ' ').match(/[\p{L}\p{N}'’-]+|,/gu) ?? [];
  return matches.map((raw) => ({ raw, word: raw.toLowerCase().replace(/['’]/g, '') }));
}

const isCapitals = (raw: string) => /^[A-Z][A-Z-]+$/.test(raw) || raw === 'Y';

/** The words a sentence asks clients to reply with, each with what it says the reply does. */
function replyWords(sentence: string): ReplyWord[] {
  const tokens = tokensOf(sentence);
  const verbAt = tokens.findIndex((token) => REPLY_VERBS.has(token.word));
  if (verbAt < 0) return [];
  const found: ReplyWord[] = [];
  let afterVerb = verbAt + 1;
  while (afterVerb < tokens.length && CONNECTORS.has(tokens[afterVerb]!.word)) afterVerb++;

  for (let index = verbAt + 1; index < tokens.length; index++) {
    const token = tokens[index]!;
    const next = tokens[index + 1];
    const pair = next ? `${token.word} ${next.word}` : '';
    const phrase = pair === 'opt out' || pair === 'stop all' ? pair : token.word;
    const width = phrase === pair ? 2 : 1;
    const previous = tokens[index - 1]?.word;
    const following = tokens[index + width]?.word;
    // "this SMS", "the TEXT": a noun, not a word to reply with.
    const determined = previous !== undefined && DETERMINERS.has(previous);
    const asked =
      (index === afterVerb && !determined && !NOT_REPLY_WORDS.has(token.word)) ||
      (isCapitals(token.raw) && previous !== 'to' && !determined) ||
      ((previous === ',' || previous === 'or' || previous === 'and') &&
        (following === 'to' || following === 'for'));
    if (!asked || token.word === ',') continue;
    const rest: string[] = [];
    for (let ahead = index + width; ahead < tokens.length; ahead++) {
      const word = tokens[ahead]!;
      if (word.word === ',' || word.word === 'or' || (ahead > index + width && isCapitals(word.raw))) break;
      rest.push(word.word);
    }
    if (rest[0] === 'to' || rest[0] === 'for' || rest[0] === 'if') rest.shift();
    found.push({ word: phrase, raw: token.raw, purpose: rest.join(' ') });
    index += width - 1;
  }
  return found;
}

function isOptOutInstruction(reply: ReplyWord): boolean {
  if (EXPLICIT_OPT_OUT_PURPOSE.test(reply.purpose)) return true;
  if (!UNAMBIGUOUS_OPT_OUT.has(reply.word)) return false;
  return reply.purpose === '' || BARE_STOPPING_PURPOSE.test(reply.purpose);
}

/** "to cancel your booking": cancelling something that is not the texts. */
const CANCELS_SOMETHING =
  /\bto (?:cancel|end|quit|remove|revoke|stop) (?!(?:all |these |our |future |the )*(?:texts?|messages?|sms|alerts?|notifications?|reminders?|updates?)\b)\w/i;

/** Problems with opt-out words the template asks clients to reply with (see the rule above). */
function optOutWordProblems(text: string): string[] {
  const problems: string[] = [];
  for (const sentence of sentencesOf(text)) {
    const words = replyWords(sentence);
    for (const reply of words) {
      if (keywordKind(reply.word) !== 'opt_out' || isOptOutInstruction(reply)) continue;
      const shown = reply.word.toUpperCase();
      const meaning = reply.purpose ? ` to ${reply.purpose}` : '';
      problems.push(
        `It asks clients to reply ${shown}${meaning}, but the carrier and the law read ${shown} as an opt-out: ` +
          'the client would stop getting all texts. Ask for another word (for example C or 1) or to call instead.',
      );
    }
    // "Reply to this text to cancel your booking": no word named, so clients will write CANCEL. A named
    // word that is not an opt-out word ("Reply C to cancel your booking") is fine.
    const namedWordCancels = words.some((reply) =>
      /^(?:cancel|end|quit|remove|revoke|stop)\b/.test(reply.purpose),
    );
    if (!namedWordCancels && hasReplyVerb(sentence) && CANCELS_SOMETHING.test(sentence)) {
      problems.push(
        `"${sentence.trim()}" asks clients to reply to cancel something without naming a word: many will answer ` +
          'CANCEL, which the carrier and the law read as an opt-out. Ask them to call, or name another word.',
      );
    }
  }
  return problems;
}

function hasReplyVerb(sentence: string): boolean {
  return tokensOf(sentence).some((token) => REPLY_VERBS.has(token.word));
}

/** True when the template asks clients to reply with one of these keywords (any case), as an instruction. */
function asksFor(text: string, keywords: string[], needsOptOutPurpose = false): boolean {
  return sentencesOf(text).some((sentence) =>
    replyWords(sentence).some(
      (reply) => keywords.includes(reply.word) && (!needsOptOutPurpose || isOptOutInstruction(reply)),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Validation

const RATES_NOTICE = /\b(?:msg|message)s?\s*(?:&|and)\s*data\s+rates\s+may\s+apply\b/i;
const MARKETING =
  /(?:https?:\/\/|www\.|\b(?:sale|discount|offer|promo|promotion|coupon|deal|deals|special|specials|free|save|book now|% off)\b|%\s*off\b)/i;

export interface ValidateOptions {
  /** The business name from Settings: written out instead of {businessName}, it counts as naming the business. */
  businessName?: string;
}

function namesBusiness(text: string, options: ValidateOptions): boolean {
  if (parseFields(text).names.includes('businessName')) return true;
  const name = options.businessName?.trim().toLowerCase();
  return name !== undefined && name.length > 0 && text.toLowerCase().includes(name);
}

/**
 * What is wrong with a template, in plain words; an empty list when it may be saved. The settings screen
 * shows these; the service refuses to save a template with any.
 */
export function validateTemplate(kind: TemplateKind, text: string, options: ValidateOptions = {}): string[] {
  if (text.trim().length === 0) return ['The template is empty.'];
  const problems: string[] = [];
  if (text.length > MAX_TEMPLATE_LENGTH) {
    problems.push(
      `The template is longer than ${MAX_TEMPLATE_LENGTH.toLocaleString('en-US')} characters (it has ${text.length.toLocaleString('en-US')}).`,
    );
  }

  const { names, strayBrace } = parseFields(text);
  if (strayBrace) problems.push(STRAY_BRACE);
  for (const name of new Set(names)) {
    if (!isMergeField(name)) problems.push(unknownFieldMessage(name));
    else if (!FIELDS_BY_KIND[kind].includes(name)) {
      problems.push(
        `{${name}} cannot be used in the ${TEMPLATE_LABELS[kind].toLowerCase()}: it can use ` +
          `${FIELDS_BY_KIND[kind].map((field) => `{${field}}`).join(', ')}.`,
      );
    }
  }

  const label = TEMPLATE_LABELS[kind];
  const needs = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const stopInstruction = asksFor(text, ['stop'], true);
  switch (kind) {
    case 'opt_in_request':
      needs(
        namesBusiness(text, options),
        `The ${label.toLowerCase()} must name the business: add {businessName}.`,
      );
      needs(asksFor(text, ['yes', 'y']), 'The opt-in request must tell clients to reply YES to opt in.');
      needs(stopInstruction, 'The opt-in request must tell clients to reply STOP to opt out.');
      needs(asksFor(text, ['help']), 'The opt-in request must tell clients to reply HELP for help.');
      needs(RATES_NOTICE.test(text), 'The opt-in request must say "Msg & data rates may apply".');
      break;
    case 'opt_in_confirmation':
      needs(
        namesBusiness(text, options),
        `The ${label.toLowerCase()} must name the business: add {businessName}.`,
      );
      needs(stopInstruction, 'The opt-in confirmation must tell clients to reply STOP to opt out.');
      needs(asksFor(text, ['help']), 'The opt-in confirmation must tell clients to reply HELP for help.');
      needs(RATES_NOTICE.test(text), 'The opt-in confirmation must say "Msg & data rates may apply".');
      break;
    case 'opt_out_confirmation': {
      needs(
        namesBusiness(text, options),
        `The ${label.toLowerCase()} must name the business: add {businessName}.`,
      );
      const marketing = MARKETING.exec(text);
      if (marketing) {
        problems.push(
          `The opt-out confirmation may carry no marketing or links; remove "${marketing[0].trim()}". ` +
            'It only confirms that no more texts will come.',
        );
      }
      break;
    }
    case 'help_reply':
      needs(
        namesBusiness(text, options),
        `The ${label.toLowerCase()} must name the business: add {businessName}.`,
      );
      needs(
        names.includes('businessEmail') || names.includes('businessPhone') || /@|\d{3}.?\d{4}/.test(text),
        'The help reply must say how to reach the business: add {businessEmail} or {businessPhone}.',
      );
      needs(stopInstruction, 'The help reply must tell clients to reply STOP to opt out.');
      break;
    case 'confirmation':
    case 'reminder':
    case 'thank_you':
      break;
  }

  problems.push(...optOutWordProblems(text));
  return problems;
}

export interface TemplatePreview {
  /** The text as it will be sent with these values; null when the template cannot be filled in. */
  text: string | null;
  /** Counted on the filled-in text, since names change the length and even the encoding. */
  segments: SegmentCount | null;
  problems: string[];
}

/** The template filled in (with sample values unless given) and counted, with its problems. */
export function previewTemplate(
  kind: TemplateKind,
  template: string,
  values: MergeValues = SAMPLE_VALUES,
  options: ValidateOptions = {},
): TemplatePreview {
  const problems = validateTemplate(kind, template, options);
  try {
    const text = renderTemplate(template, values);
    return { text, segments: countSegments(text), problems };
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    return {
      text: null,
      segments: null,
      problems: problems.includes(error.message) ? problems : [...problems, error.message],
    };
  }
}
