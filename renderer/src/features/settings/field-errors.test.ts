import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../../shared/errors';
import { errorsFrom } from './field-errors';

describe('settings errors by field', () => {
  it('puts a named field’s message beside it, without the path prefix', () => {
    const error = new DeskError(
      'invalid_input',
      'businessEmail: Business email is not an email address',
      'businessEmail',
    );
    expect(errorsFrom(error)).toEqual({
      fields: { businessEmail: 'Business email is not an email address' },
      form: null,
    });
  });

  it('maps a list item to its list and keeps other errors for the form', () => {
    expect(
      errorsFrom(new DeskError('invalid_input', 'Staff name cannot be blank', 'staffNames.1')).fields,
    ).toEqual({
      staffNames: 'Staff name cannot be blank',
    });
    expect(errorsFrom(new Error('The desk is away'))).toEqual({ fields: {}, form: 'The desk is away' });
  });
});
