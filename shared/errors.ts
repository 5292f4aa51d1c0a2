/** Error codes the desk returns across the API boundary. */
export type DeskErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'consent_refused'
  | 'limit_reached'
  | 'carrier_error'
  | 'database_too_new'
  | 'unauthorized'
  | 'internal';

export interface DeskErrorShape {
  code: DeskErrorCode;
  message: string;
  /** The input field that was wrong, as a dotted path (`phones.0.number`), when one was. */
  field?: string;
}

/** An error meant for the person at the desk: its message says plainly what was wrong. */
export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }

  toShape(): DeskErrorShape {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskErrorShape };
