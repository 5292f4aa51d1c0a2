import { useEffect, useState } from 'react';
import type { ClientSearchResult } from '../../../../shared/api/clients';
import { call } from '../../api';
import { useDeskStore } from '../../stores/desk-store';

/** Short enough to feel instant, long enough not to query on every key of a fast typist. */
export const SEARCH_DEBOUNCE_MS = 120;

export type SearchState =
  | { status: 'idle'; results: [] }
  | { status: 'searching' | 'done'; results: ClientSearchResult[] }
  | { status: 'error'; results: ClientSearchResult[]; message: string };

interface Answer {
  /** The query and desk revision it answers. */
  key: string;
  results: ClientSearchResult[];
  error?: string;
}

/**
 * Results for what is typed, re-read when anything changes at the desk. An answer counts only for the query it
 * was asked for, so an older, slower answer never replaces a newer one; while the next answer is on its way the
 * last results stay on screen instead of flashing empty.
 */
export function useClientSearch(query: string): SearchState {
  const revision = useDeskStore((state) => state.revision);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const trimmed = query.trim();
  const key = `${revision}\u0000${trimmed}`;

  useEffect(() => {
    if (trimmed.length === 0) return;
    let current = true;
    const timer = window.setTimeout(() => {
      call('clients.search', { query: trimmed }).then(
        (results) => {
          if (current) setAnswer({ key, results });
        },
        (error: unknown) => {
          if (current) setAnswer({ key, results: [], error: (error as Error).message });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [trimmed, key]);

  if (trimmed.length === 0) return { status: 'idle', results: [] };
  if (!answer || answer.key !== key) return { status: 'searching', results: answer?.results ?? [] };
  if (answer.error !== undefined) return { status: 'error', results: [], message: answer.error };
  return { status: 'done', results: answer.results };
}
