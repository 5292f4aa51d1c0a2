import type { ReactNode } from 'react';

/**
 * A boxed message with a meaning: info (blue: how things stand), warning (amber: it will wait), danger (red:
 * nothing goes), success (green: done). The words carry the meaning too, never the colour alone.
 */
export function Callout({
  tone,
  title,
  children,
  role,
  className,
}: {
  tone: 'info' | 'warning' | 'danger' | 'success' | 'neutral';
  title?: string;
  children?: ReactNode;
  role?: 'status' | 'alert' | 'note';
  className?: string;
}) {
  return (
    <div className={['callout', `callout-${tone}`, className].filter(Boolean).join(' ')} role={role}>
      {title && <p className="callout-title">{title}</p>}
      {children}
    </div>
  );
}
