import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ClientSearchResult } from '../../../../shared/api/clients';
import { ConsentTag } from '../../components/ConsentTag';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { SEARCH_INPUT_ID } from './focus-search';
import { indexToOpen, nextActiveIndex } from './search-keys';
import { useClientSearch } from './useClientSearch';

const LIST_ID = 'client-search-results';
const HINT_ID = 'client-search-hint';
const optionId = (clientId: number) => `client-result-${clientId}`;
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The top-left search: results as you type, arrows move, Enter opens the card. */
export function SearchPanel() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const search = useClientSearch(query);
  const openClientId = useWorkspaceStore((state) => state.openClientId);
  const openClient = useWorkspaceStore((state) => state.openClient);
  const listRef = useRef<HTMLUListElement>(null);
  const results = search.results;
  const activeResult = active >= 0 ? results[active] : undefined;

  useEffect(() => {
    if (!activeResult) return;
    document.getElementById(optionId(activeResult.clientId))?.scrollIntoView({ block: 'nearest' });
  }, [activeResult]);

  const open = (result: ClientSearchResult | undefined) => {
    if (result) openClient(result.clientId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      const index = indexToOpen(active, results.length);
      if (index !== null) {
        event.preventDefault();
        setActive(index);
        open(results[index]);
      }
      return;
    }
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
      setActive(-1);
      return;
    }
    const next = nextActiveIndex(event.key, active, results.length);
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    }
  };

  const showList = results.length > 0;
  return (
    <section className="search-panel" aria-label="Find a client">
      <div className="search-box">
        <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
          Search clients
        </label>
        <input
          id={SEARCH_INPUT_ID}
          className="search-input"
          type="search"
          role="combobox"
          aria-label="Search clients"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={LIST_ID}
          aria-activedescendant={activeResult ? optionId(activeResult.clientId) : undefined}
          aria-describedby={HINT_ID}
          placeholder="Name, pet or phone number"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <kbd className="search-shortcut" aria-hidden="true">
          {isMac ? '⌘K' : 'Ctrl K'}
        </kbd>
      </div>
      <p id={HINT_ID} className="search-status" role="status">
        {statusText(query, search)}
      </p>
      <ul
        id={LIST_ID}
        ref={listRef}
        className="search-results"
        role="listbox"
        aria-label="Matching clients"
        hidden={!showList}
      >
        {results.map((result, index) => (
          <li
            key={result.clientId}
            id={optionId(result.clientId)}
            role="option"
            aria-selected={index === active}
            className={[
              'search-result',
              index === active ? 'is-active' : '',
              result.clientId === openClientId ? 'is-open' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            // Keep focus in the box so typing can go on after a click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setActive(index);
              open(result);
            }}
          >
            <SearchResultRow result={result} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function SearchResultRow({ result }: { result: ClientSearchResult }) {
  const name = `${result.firstName} ${result.lastName}`.trim();
  return (
    <>
      <span className="result-line">
        <span className="result-name">{name}</span>
        {result.textingNumber && <ConsentTag state={result.textingNumber.consent} />}
      </span>
      <span className="result-line result-meta">
        <span className="result-pets">
          {result.petNames.length > 0 ? result.petNames.join(', ') : 'No pets'}
        </span>
        <span className="result-number">
          {result.textingNumber ? result.textingNumber.display : 'No texting number'}
        </span>
      </span>
    </>
  );
}

function statusText(query: string, search: ReturnType<typeof useClientSearch>): string {
  if (query.trim() === '') return 'Search by first or last name, pet name or phone digits.';
  if (search.status === 'error') return search.message;
  if (search.status === 'searching' && search.results.length === 0) return 'Searching…';
  if (search.status === 'done' && search.results.length === 0) return `No client matches “${query.trim()}”.`;
  const count = search.results.length;
  return `${count} ${count === 1 ? 'client' : 'clients'} found. Use the arrow keys and Enter to open one.`;
}
