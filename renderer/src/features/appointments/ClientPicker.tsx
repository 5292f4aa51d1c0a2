import { useEffect, useId, useState } from 'react';
import type { ClientSearchResult } from '../../../../shared/api/clients';
import { call } from '../../api';
import { Button } from '../../components/Button';

export interface PickedClient {
  id: number;
  name: string;
}

interface ClientPickerProps {
  value: PickedClient | null;
  onChange(client: PickedClient | null): void;
  error?: string;
  inputId: string;
}

/**
 * "Which client?": type a name, a pet's name or phone digits, then choose from the matches. Plain buttons rather
 * than a combobox: every match is one Tab away and says what choosing it does.
 */
export function ClientPicker({ value, onChange, error, inputId }: ClientPickerProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; items: ClientSearchResult[] } | null>(null);
  const errorId = useId();
  const listId = useId();

  useEffect(() => {
    const text = query.trim();
    if (value !== null || text.length === 0) return;
    let current = true;
    call('clients.search', { query: text, limit: 8 }).then(
      (items) => {
        if (current) setResults({ query: text, items });
      },
      () => {
        if (current) setResults({ query: text, items: [] });
      },
    );
    return () => {
      current = false;
    };
  }, [query, value]);

  if (value !== null) {
    return (
      <div className="picked-client">
        <span className="picked-client-name">{value.name}</span>
        <Button variant="quiet" onClick={() => onChange(null)}>
          Change client
        </Button>
      </div>
    );
  }

  const shown =
    results !== null && results.query === query.trim() && query.trim() !== '' ? results.items : [];
  return (
    <div className="client-picker">
      <input
        id={inputId}
        type="search"
        aria-label="Find client"
        value={query}
        autoComplete="off"
        placeholder="Name, pet or phone digits"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-controls={listId}
        data-autofocus
        onChange={(event) => setQuery(event.target.value)}
      />
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      <ul className="client-picker-results" id={listId} aria-label="Matching clients">
        {shown.map((client) => {
          const name = `${client.firstName} ${client.lastName}`.trim();
          return (
            <li key={client.clientId}>
              <button
                type="button"
                className="client-picker-option"
                onClick={() => onChange({ id: client.clientId, name })}
              >
                <span className="result-name">{name}</span>
                {client.petNames.length > 0 && (
                  <span className="result-meta"> · {client.petNames.join(', ')}</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      {results !== null && query.trim() !== '' && shown.length === 0 && results.query === query.trim() && (
        <p className="result-meta">No client matches “{query.trim()}”.</p>
      )}
    </div>
  );
}
