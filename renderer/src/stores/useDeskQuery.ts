import { useEffect, useRef, useState } from 'react';
import { useDeskStore } from './desk-store';

export interface DeskQuery<T> {
  /** The latest answer for this key; while a newer one is on its way the last one stays, so screens do not flash. */
  value: T | null;
  /** Why the last read failed, in the desk's words. */
  error: string | null;
  /** True until the first answer for this key arrives. */
  loading: boolean;
}

interface Answer<T> {
  key: string;
  /** The key without the desk revision: an answer stays on screen while the same thing is re-read. */
  subject: string;
  value?: T;
  error?: string;
}

/**
 * Reads something from the desk and re-reads it whenever anything changes there (a push from the core, or this
 * window's own change). `subject` names what is read (e.g. `thread:12`); an answer counts only for the subject
 * and revision it was asked for, so a slow old answer never replaces a newer one. `null` reads nothing.
 */
export function useDeskQuery<T>(subject: string | null, load: () => Promise<T>): DeskQuery<T> {
  const revision = useDeskStore((state) => state.revision);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);
  const key = subject === null ? null : `${subject}\u0000${revision}`;

  useEffect(() => {
    if (key === null || subject === null) return;
    let current = true;
    loadRef.current().then(
      (value) => {
        if (current) setAnswer({ key, subject, value });
      },
      (error: unknown) => {
        if (current) setAnswer({ key, subject, error: (error as Error).message });
      },
    );
    return () => {
      current = false;
    };
  }, [key, subject]);

  if (subject === null || !answer || answer.subject !== subject) {
    return { value: null, error: null, loading: subject !== null };
  }
  if (answer.error !== undefined) return { value: null, error: answer.error, loading: false };
  return {
    value: answer.value ?? null,
    error: null,
    loading: answer.key !== key && answer.value === undefined,
  };
}
