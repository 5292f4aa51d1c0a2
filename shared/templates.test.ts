import { describe, expect, it } from 'vitest';
import { DeskError } from './errors';
import { countSegments } from './segments';
import {
  DEFAULT_TEMPLATES,
  FIELDS_BY_KIND,
  MAX_TEMPLATE_LENGTH,
  MERGE_FIELDS,
  SAMPLE_VALUES,
  TEMPLATE_KINDS,
  previewTemplate,
  renderTemplate,
  templateFor,
  validateTemplate,
  type MergeValues,
  type TemplateKind,
} from './templates';

const business: MergeValues = {
  businessName: 'Happy Tails Pet Resort',
  businessEmail: 'frontdesk@happytails.example',
  businessPhone: '(555) 010-2030',
};

function renderError(template: string, values: MergeValues): DeskError {
  try {
    renderTemplate(template, values);
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('renderTemplate did not refuse');
}

describe('the default templates', () => {
  it.each(TEMPLATE_KINDS)('%s passes its own rules and fills in as GSM-7', (kind) => {
    expect(validateTemplate(kind, DEFAULT_TEMPLATES[kind])).toEqual([]);
    const preview = previewTemplate(kind, DEFAULT_TEMPLATES[kind]);
    expect(preview.problems).toEqual([]);
    expect(preview.text).not.toMatch(/[{}]/);
    expect(preview.segments?.encoding).toBe('GSM-7');
  });

  it('costs what staff would expect once the sample names are filled in', () => {
    const segments = (kind: TemplateKind) =>
      previewTemplate(kind, DEFAULT_TEMPLATES[kind]).segments?.segments;
    expect(segments('opt_in_request')).toBe(2);
    expect(segments('opt_in_confirmation')).toBe(2);
    expect(segments('opt_out_confirmation')).toBe(1);
    expect(segments('help_reply')).toBe(1);
    expect(segments('confirmation')).toBe(1);
    expect(segments('reminder')).toBe(1);
    expect(segments('thank_you')).toBe(1);
  });

  it('opt-in request carries the business name and the YES / STOP / HELP / rates wording PRODUCT.md gives', () => {
    const text = renderTemplate(DEFAULT_TEMPLATES.opt_in_request, business);
    expect(text).toMatch(/^Happy Tails Pet Resort: /);
    expect(text).toContain(
      'Reply YES to opt in, STOP to opt out, HELP for help. Msg & data rates may apply.',
    );
  });

  it('opt-out confirmation is short, carries no marketing and says how to come back', () => {
    const text = renderTemplate(DEFAULT_TEMPLATES.opt_out_confirmation, business);
    expect(text).toBe(
      "Happy Tails Pet Resort: You're unsubscribed and will get no more texts. Reply START to resubscribe.",
    );
    expect(countSegments(text).segments).toBe(1);
  });

  it('help reply names the business, its email and phone, and how to stop', () => {
    const text = renderTemplate(DEFAULT_TEMPLATES.help_reply, business);
    expect(text).toContain('Happy Tails Pet Resort');
    expect(text).toContain('frontdesk@happytails.example');
    expect(text).toContain('(555) 010-2030');
    expect(text).toContain('Reply STOP to opt out');
  });

  it('templateFor prefers the staff edit and falls back to the default for a missing or blank one', () => {
    expect(templateFor('reminder')).toBe(DEFAULT_TEMPLATES.reminder);
    expect(templateFor('reminder', { reminder: 'Hi {petName}' })).toBe('Hi {petName}');
    expect(templateFor('reminder', { reminder: '   ' })).toBe(DEFAULT_TEMPLATES.reminder);
    expect(templateFor('thank_you', { reminder: 'Hi' })).toBe(DEFAULT_TEMPLATES.thank_you);
  });

  it('documents every merge field and allows each kind only known fields', () => {
    for (const fields of Object.values(FIELDS_BY_KIND)) {
      for (const field of fields) expect(MERGE_FIELDS[field]).toBeTruthy();
    }
    expect(Object.keys(SAMPLE_VALUES).sort()).toEqual(Object.keys(MERGE_FIELDS).sort());
  });
});

describe('renderTemplate', () => {
  it('fills every field', () => {
    expect(
      renderTemplate('{businessName}: {petName} is booked for {service} on {date} at {time}.', {
        ...business,
        petName: 'Max',
        service: 'Bath',
        date: 'Tue, Mar 4',
        time: '9:30 AM',
      }),
    ).toBe('Happy Tails Pet Resort: Max is booked for Bath on Tue, Mar 4 at 9:30 AM.');
  });

  it('accepts spaces inside the braces', () => {
    expect(renderTemplate('Hi { clientFirstName }', { clientFirstName: 'Dana' })).toBe('Hi Dana');
  });

  it('collapses whitespace in values, so a name typed with a line break cannot break the text', () => {
    expect(renderTemplate('Hi {clientFirstName}!', { clientFirstName: '  Dana \n Lee ' })).toBe(
      'Hi Dana Lee!',
    );
  });

  it('never reads a value as a merge field', () => {
    expect(
      renderTemplate('Hi {clientFirstName}, {petName}', { clientFirstName: '{petName}', petName: 'Max' }),
    ).toBe('Hi {petName}, Max');
  });

  it('refuses an unknown field, naming it', () => {
    const error = renderError('Hi {dogName}', { petName: 'Max' });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('{dogName}');
    expect(error.message).toContain('{petName}');
  });

  it('suggests the right spelling for a field written in the wrong case', () => {
    expect(renderError('Hi {petname}', { petName: 'Max' }).message).toBe(
      'Unknown merge field {petname}. Did you mean {petName}?',
    );
  });

  it('refuses a field with no value, naming it', () => {
    const error = renderError('{petName} is ready', {});
    expect(error.message).toBe('No value for the merge field {petName}.');
    expect(error.field).toBe('petName');
    expect(renderError('{petName} is ready', { petName: '  ' }).field).toBe('petName');
  });

  it('refuses a stray brace', () => {
    expect(renderError('Hi {petName', { petName: 'Max' }).message).toMatch(/missing its pair/);
    expect(renderError('Hi {{petName}}', { petName: 'Max' }).message).toMatch(/missing its pair/);
  });
});

const validRequest = DEFAULT_TEMPLATES.opt_in_request;

describe('validateTemplate: every template', () => {
  it.each(TEMPLATE_KINDS)('%s: refuses an empty or blank template', (kind) => {
    expect(validateTemplate(kind, '')).toEqual(['The template is empty.']);
    expect(validateTemplate(kind, '  \n ')).toEqual(['The template is empty.']);
  });

  it('refuses a template over 1,000 characters and accepts one at exactly 1,000', () => {
    const base = '{businessName}: See you soon. Reply STOP to opt out. ';
    const at = (length: number) => base + 'x'.repeat(length - base.length);
    expect(validateTemplate('reminder', at(MAX_TEMPLATE_LENGTH))).toEqual([]);
    expect(validateTemplate('reminder', at(MAX_TEMPLATE_LENGTH + 1))).toEqual([
      'The template is longer than 1,000 characters (it has 1,001).',
    ]);
  });

  it('names an unknown merge field', () => {
    expect(validateTemplate('reminder', 'See {dog} soon')).toEqual([expect.stringContaining('{dog}')]);
  });

  it('refuses a stray brace', () => {
    expect(validateTemplate('reminder', 'See {petName soon')).toEqual([
      'A { or } is missing its pair; merge fields look like {petName}.',
    ]);
  });

  it.each([
    ['help_reply', '{businessName}: {petName} help at {businessPhone}. Reply STOP to opt out.', '{petName}'],
    ['opt_out_confirmation', '{businessName}: Bye {clientFirstName}.', '{clientFirstName}'],
    [
      'opt_in_confirmation',
      `{businessName}: {date}. ${'Msg & data rates may apply. Reply HELP for help, STOP to opt out.'}`,
      '{date}',
    ],
  ] as const)('%s refuses a field it cannot know (%s)', (kind, text, field) => {
    expect(validateTemplate(kind, text)).toEqual([
      expect.stringMatching(new RegExp(`^\\${field} cannot be used`)),
    ]);
  });
});

describe('validateTemplate: the opt-in request', () => {
  it.each([
    ['YES', validRequest.replace('Reply YES to opt in, STOP', 'Reply STOP'), 'reply YES to opt in'],
    ['STOP', validRequest.replace(', STOP to opt out', ''), 'reply STOP to opt out'],
    ['HELP', validRequest.replace(', HELP for help', ''), 'reply HELP for help'],
    ['the business name', validRequest.replace('{businessName}: ', ''), 'must name the business'],
    [
      'the rates notice',
      validRequest.replace(' Msg & data rates may apply.', ''),
      'Msg & data rates may apply',
    ],
  ])('is refused without %s', (_missing, text, problem) => {
    const problems = validateTemplate('opt_in_request', text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('refuses the bare words without a reply instruction', () => {
    const problems = validateTemplate(
      'opt_in_request',
      '{businessName}: YES, STOP and HELP are words. Msg & data rates may apply.',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('YES'),
        expect.stringContaining('STOP'),
        expect.stringContaining('HELP'),
      ]),
    );
  });

  it('accepts the business name written out when it matches Settings', () => {
    const text = validRequest.replace('{businessName}', 'Happy Tails');
    expect(validateTemplate('opt_in_request', text)).toEqual([
      expect.stringContaining('must name the business'),
    ]);
    expect(validateTemplate('opt_in_request', text, { businessName: 'Happy Tails' })).toEqual([]);
  });

  it('accepts other wording with the same instructions, in lower case too', () => {
    const text =
      '{businessName}: Hi {clientFirstName}! Want booking texts from us? Text yes to join. Text stop to opt out. Text help for help. Message and data rates may apply.';
    expect(validateTemplate('opt_in_request', text)).toEqual([]);
  });

  it('refuses STOP offered for something other than opting out', () => {
    const text = validRequest.replace('STOP to opt out', 'STOP to cancel your visit');
    expect(validateTemplate('opt_in_request', text)).toEqual([
      'The opt-in request must tell clients to reply STOP to opt out.',
      expect.stringContaining('reply STOP to cancel your visit'),
    ]);
  });

  it('counts segments on the filled-in text: a long first name can add a segment', () => {
    const text =
      '{businessName}: Hi {clientFirstName}, may we text you about your bookings? Reply YES to opt in, STOP to opt out, HELP for help. Msg & data rates may apply.';
    const short = previewTemplate('opt_in_request', text, { ...business, clientFirstName: 'Al' });
    const long = previewTemplate('opt_in_request', text, {
      ...business,
      clientFirstName: 'Maximiliana-Josephine',
    });
    expect(short.problems).toEqual([]);
    expect(short.segments).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(long.segments).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });
});

describe('validateTemplate: the opt-in confirmation', () => {
  const valid = DEFAULT_TEMPLATES.opt_in_confirmation;
  it.each([
    ['the business name', valid.replace('{businessName}: ', ''), 'must name the business'],
    ['STOP', valid.replace(', STOP to opt out', ''), 'reply STOP to opt out'],
    ['HELP', valid.replace('Reply HELP for help, STOP', 'Reply STOP'), 'reply HELP for help'],
    ['the rates notice', valid.replace(' Msg & data rates may apply.', ''), 'Msg & data rates may apply'],
  ])('is refused without %s', (_missing, text, problem) => {
    const problems = validateTemplate('opt_in_confirmation', text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });
});

describe('validateTemplate: the opt-out confirmation', () => {
  it('is refused without the business name', () => {
    expect(validateTemplate('opt_out_confirmation', "You're unsubscribed.")).toEqual([
      expect.stringContaining('must name the business'),
    ]);
  });

  it.each([
    "{businessName}: You're unsubscribed. Come back for 20% off!",
    "{businessName}: You're unsubscribed. See our deals at https://happytails.example",
    "{businessName}: You're unsubscribed. Book now and save.",
    "{businessName}: You're unsubscribed. Visit www.happytails.example",
  ])('refuses marketing: %s', (text) => {
    expect(validateTemplate('opt_out_confirmation', text)).toEqual([expect.stringContaining('no marketing')]);
  });

  it('stays one segment with a long business name filled in', () => {
    const preview = previewTemplate('opt_out_confirmation', DEFAULT_TEMPLATES.opt_out_confirmation, {
      businessName: 'Happy Tails Pet Resort & Grooming',
    });
    expect(preview.segments).toMatchObject({ segments: 1, encoding: 'GSM-7' });
  });
});

describe('validateTemplate: the help reply', () => {
  it('is refused without a way to reach the business', () => {
    expect(validateTemplate('help_reply', '{businessName}: Reply STOP to opt out.')).toEqual([
      expect.stringContaining('how to reach the business'),
    ]);
  });

  it('accepts a phone or an email written out', () => {
    expect(validateTemplate('help_reply', '{businessName}: Call 555-0102. Reply STOP to opt out.')).toEqual(
      [],
    );
    expect(
      validateTemplate('help_reply', '{businessName}: Email desk@pets.example. Reply STOP to opt out.'),
    ).toEqual([]);
  });

  it('is refused without STOP instructions or the business name', () => {
    expect(validateTemplate('help_reply', '{businessName}: Call {businessPhone}.')).toEqual([
      expect.stringContaining('reply STOP to opt out'),
    ]);
    expect(validateTemplate('help_reply', 'Call {businessPhone}. Reply STOP to opt out.')).toEqual([
      expect.stringContaining('must name the business'),
    ]);
  });
});

describe('validateTemplate: opt-out words used for something else', () => {
  /** Templates asking for an opt-out word to mean something else: the carrier would opt the client out. */
  const refused: [string, string][] = [
    ['Reply CANCEL to cancel your booking', 'CANCEL'],
    ['Reply CANCEL to cancel', 'CANCEL'],
    ['Reply "cancel" to cancel your appointment', 'CANCEL'],
    ['Reply END to end your session', 'END'],
    ['reply QUIT', 'QUIT'],
    ['Text back END', 'END'],
    ['Reply YES to confirm or CANCEL to cancel', 'CANCEL'],
    ['reply yes to confirm or cancel to cancel', 'CANCEL'],
    ['Reply REMOVE to remove the add-on', 'REMOVE'],
    ['Reply REVOKE to revoke the booking', 'REVOKE'],
    ['Reply STOP to cancel your visit', 'STOP'],
    ['Respond with QUIT to leave the waitlist', 'QUIT'],
    ['Send UNSUBSCRIBE to change your slot', 'UNSUBSCRIBE'],
    ['Reply with OPT OUT to skip the bath', 'OPT OUT'],
    ['Reply END to opt out of the waitlist', 'END'],
    ['Reply QUIT to stop getting your table', 'QUIT'],
  ];
  it.each(refused)('refuses "%s" (%s)', (sentence, word) => {
    const problems = validateTemplate('reminder', `{businessName}: ${sentence}.`);
    expect(problems).toEqual([expect.stringContaining(`read ${word} as an opt-out`)]);
  });

  it.each([
    'To cancel your appointment, reply to this text',
    'Reply to this SMS to cancel your booking',
    'Reply to end your session',
  ])('refuses asking for a reply to cancel something without naming a word: "%s"', (sentence) => {
    expect(validateTemplate('reminder', `{businessName}: ${sentence}.`)).toEqual([
      expect.stringContaining('without naming a word'),
    ]);
  });

  /** The opt-out instruction itself, and ordinary uses of the words. */
  const allowed = [
    'Reply STOP to opt out',
    'Reply STOP.',
    'Text STOP to opt-out',
    'Reply STOP to unsubscribe',
    'Reply STOP to cancel',
    'Reply STOP to end',
    'Reply STOP to stop receiving texts',
    'Reply STOP to stop receiving texts from us',
    'Reply STOP to opt out of texts from {businessName}',
    'Reply STOP to unsubscribe from our list',
    'Reply QUIT to no longer get these messages',
    'Reply STOP to stop reminders',
    'Reply with the word stop to end your subscription',
    'Reply QUIT to opt out',
    'Reply CANCEL to stop texts',
    'Reply END to end all messages',
    'Reply REMOVE to be removed from our list',
    'Reply C to cancel your booking',
    'Reply 1 to confirm or 2 to reschedule',
    'Reply YES to confirm',
    'If you need to cancel, call us at {businessPhone}',
    'See you at the end of the day',
    'We will text you when {petName} is ready',
    'We remove mats gently',
  ];
  it.each(allowed)('accepts "%s"', (sentence) => {
    expect(validateTemplate('reminder', `{businessName}: ${sentence}.`)).toEqual([]);
  });

  it('applies to the required templates too', () => {
    const text = DEFAULT_TEMPLATES.opt_in_request.replace(
      'Msg frequency varies.',
      'Reply END to end your session.',
    );
    expect(validateTemplate('opt_in_request', text)).toEqual([
      expect.stringContaining('reply END to end your session'),
    ]);
  });
});

describe('previewTemplate: segments are counted after names are filled in', () => {
  const reminder = DEFAULT_TEMPLATES.reminder;
  const values: MergeValues = {
    ...business,
    petName: 'Max',
    service: 'Bath',
    date: 'Tue, Mar 4',
    time: '9:30 AM',
  };

  it('one segment with short names', () => {
    const preview = previewTemplate('reminder', reminder, values);
    expect(preview.text).toBe(
      "Happy Tails Pet Resort: Reminder: Max's Bath is on Tue, Mar 4 at 9:30 AM. See you soon! Reply STOP to opt out.",
    );
    expect(preview.segments).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('two segments once long pet names and service are filled in, though the template did not change', () => {
    const preview = previewTemplate('reminder', reminder, {
      ...values,
      petName: 'Sir Reginald Fluffington and Duchess Marmalade',
      service: 'Deluxe spa day with blueberry facial',
    });
    expect(preview.segments).toMatchObject({ encoding: 'GSM-7', segments: 2, perSegment: 153 });
  });

  it('UCS-2 once a name with a letter outside GSM-7 is filled in', () => {
    const preview = previewTemplate('reminder', reminder, { ...values, petName: 'Zoë' });
    expect(preview.segments).toMatchObject({ encoding: 'UCS-2', segments: 2, perSegment: 67 });
    expect(preview.segments?.nonGsmCharacters).toEqual(['ë']);
  });

  it('shows the problems and no text when a field cannot be filled in', () => {
    const preview = previewTemplate('reminder', 'Hi {dog}', values);
    expect(preview.text).toBeNull();
    expect(preview.segments).toBeNull();
    expect(preview.problems).toEqual([expect.stringContaining('{dog}')]);
  });

  it('reports a missing value for a known field', () => {
    const preview = previewTemplate('reminder', '{businessName}: {petName} is ready', business);
    expect(preview.problems).toEqual(['No value for the merge field {petName}.']);
  });
});
