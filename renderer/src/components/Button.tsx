import type { ButtonHTMLAttributes, Ref } from 'react';

/**
 * primary: the screen's main action (blue). go: consent asked for, an opt-in request (green, the colour of
 * "opted in"). danger: ends something for good (an opt-out). secondary and quiet: everything else.
 */
export type ButtonVariant = 'primary' | 'go' | 'danger' | 'secondary' | 'quiet';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** A smaller button for rows of a list. */
  small?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/** A button that is never a form submit by accident: `type` defaults to "button". */
export function Button({
  variant = 'secondary',
  small,
  type = 'button',
  className,
  ref,
  ...rest
}: ButtonProps) {
  const classes = ['button', `button-${variant}`, small ? 'button-small' : '', className]
    .filter(Boolean)
    .join(' ');
  return <button ref={ref} type={type} className={classes} {...rest} />;
}
