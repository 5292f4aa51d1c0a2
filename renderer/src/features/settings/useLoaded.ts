import { useEffect, useState } from 'react';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/**
 * Reads once when the screen opens, not on every push: a form being edited must not be overwritten by a
 * change elsewhere at the desk. Saving hands back the fresh value through `set`.
 */
export function useLoaded<T>(load: () => Promise<T>): [Loaded<T>, (value: T) => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    load().then(
      (value) => {
        if (current) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', message: (error as Error).message });
      },
    );
    return () => {
      current = false;
    };
    // Once per mount, by design (see above).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return [state, (value: T) => setState({ status: 'ready', value })];
}
