import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { HeldItem } from '../../../../shared/api/messages';
import { call } from '../../api';
import { Callout } from '../../components/Callout';
import { useDeskQuery } from '../../stores/useDeskQuery';
import { HeldRow } from './HeldRow';
import { useHeldActions } from './useHeldActions';

/** Typing in the filter waits this long before asking, so a fast typist does not query on every key. */
const FILTER_DEBOUNCE_MS = 200;
/** A first guess at a row's height; each row is then measured, so wrapped texts keep their room. */
const ROW_ESTIMATE = 112;

/**
 * Every held text, from the local database only (it works with the carrier away): who, which number, why it
 * waits, since when and until when, with one-click re-send, cancel and (where allowed) release. Virtualised:
 * only the rows in view are in the page, so ten thousand stay smooth.
 */
export function HeldScreen() {
  const [filter, setFilter] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(filter.trim()), FILTER_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [filter]);

  const held = useDeskQuery(`held:${query}`, () => call('held.list', { query }));
  const items = held.value ?? [];
  const actions = useHeldActions();

  return (
    <section className="screen screen-fill" aria-labelledby="held-title">
      <header className="screen-header">
        <div>
          <h2 id="held-title">Held texts</h2>
          <p className="screen-intro">
            Texts waiting for consent. Each goes out by itself when its client opts in, unless it expires or
            you cancel it.
          </p>
        </div>
        <div className="screen-tools">
          <label htmlFor="held-filter" className="visually-hidden">
            Filter held texts
          </label>
          <input
            id="held-filter"
            className="filter-input"
            type="search"
            placeholder="Filter by client, number or text"
            autoComplete="off"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
      </header>
      <p className="screen-count" role="status">
        {held.loading && !held.value ? 'Reading held texts…' : countWords(items.length, query)}
      </p>
      {held.error && (
        <p className="form-error" role="alert">
          {held.error}
        </p>
      )}
      <div className="screen-feedback">
        <p role="status" className="action-done">
          {actions.feedback?.ok ? actions.feedback.text : ''}
        </p>
        <p role="alert" className="action-refused">
          {actions.feedback && !actions.feedback.ok ? actions.feedback.text : ''}
        </p>
      </div>
      {items.length === 0 && !held.loading && !held.error ? (
        <Callout tone="neutral">
          <p>
            {query
              ? `No held text matches “${query}”.`
              : 'Nothing is held. Every text has gone out or ended.'}
          </p>
        </Callout>
      ) : (
        <HeldList items={items} actions={actions} />
      )}
    </section>
  );
}

function countWords(count: number, query: string): string {
  const texts = `${count.toLocaleString('en-US')} held ${count === 1 ? 'text' : 'texts'}`;
  return query ? `${texts} matching “${query}”` : texts;
}

function HeldList({ items, actions }: { items: HeldItem[]; actions: ReturnType<typeof useHeldActions> }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualiser hands back functions React's compiler cannot see into; it is built for this use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 6,
    getItemKey: (index) => items[index]?.messageId ?? index,
  });
  const rows = virtualizer.getVirtualItems();
  return (
    <div className="held-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label="Held texts list">
      <div className="held-head" aria-hidden="true">
        <span>Client and number</span>
        <span>Text and why it is held</span>
        <span>Held since · expires</span>
        <span>Actions</span>
      </div>
      <ul
        className="held-list"
        aria-label={`${items.length.toLocaleString('en-US')} held texts`}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {rows.map((row) => {
          const item = items[row.index]!;
          return (
            <HeldRow
              key={row.key}
              item={item}
              position={row.index + 1}
              setSize={items.length}
              start={row.start}
              measure={virtualizer.measureElement}
              index={row.index}
              actions={actions}
            />
          );
        })}
      </ul>
    </div>
  );
}
