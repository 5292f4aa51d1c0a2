import { DeskError } from '../../api';

export type FieldErrors = Record<string, string>;

/**
 * A refusal from the desk as errors by field: a message naming a field goes beside it (without the
 * "field: " prefix the desk puts on schema messages); anything else is the form's own error.
 */
export function errorsFrom(error: unknown): { fields: FieldErrors; form: string | null } {
  if (error instanceof DeskError && error.field !== undefined) {
    const field = error.field.split('.')[0]!;
    const prefix = `${error.field}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { fields: { [field]: message }, form: null };
  }
  return { fields: {}, form: (error as Error).message };
}
