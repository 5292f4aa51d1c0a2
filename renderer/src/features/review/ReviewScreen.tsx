import { useState } from 'react';
import type { ReviewItem } from '../../../../shared/api/messages';
import { call, DeskError } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { formatWhen } from '../../components/time';
import { useDeskStore } from '../../stores/desk-store';
import { useDeskQuery } from '../../stores/useDeskQuery';

type Decision = 'opt_out' | 'not_opt_out';

/**
 * Replies that read like a wish to stop without being a stop word ("please stop", "no more texts"). Until staff
 * decide, automated texts to the number wait; each decision goes into the consent ledger with who made it.
 */
export function ReviewScreen() {
  const reviews = useDeskQuery('reviews', () => call('review.list', {}));
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string } | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const items = reviews.value ?? [];

  const decide = async (item: ReviewItem, decision: Decision) => {
    setBusyId(item.id);
    setFeedback(null);
    try {
      await call('review.decide', { id: item.id, decision });
      useDeskStore.getState().markChanged();
      setFeedback({
        ok: true,
        text:
          decision === 'opt_out'
            ? `${item.display} is now opted out; its waiting texts were cancelled.`
            : `Kept ${item.display} as it was; its waiting automated texts can go out.`,
      });
    } catch (error) {
      setFeedback({ ok: false, text: error instanceof DeskError ? error.message : (error as Error).message });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section className="screen" aria-labelledby="review-title">
      <header className="screen-header">
        <div>
          <h2 id="review-title">Possible opt-outs</h2>
          <p className="screen-intro">
            These replies may mean “stop” but are not a stop word, so a person decides. Until you do,
            automated texts to the number wait. Your decision is recorded in the consent ledger.
          </p>
        </div>
      </header>
      <div className="screen-feedback">
        <p role="status" className="action-done">
          {feedback?.ok ? feedback.text : ''}
        </p>
        <p role="alert" className="action-refused">
          {feedback && !feedback.ok ? feedback.text : ''}
        </p>
      </div>
      {reviews.error && (
        <p className="form-error" role="alert">
          {reviews.error}
        </p>
      )}
      {reviews.value && items.length === 0 && (
        <Callout tone="neutral">
          <p>Nothing to review. Replies that may mean stop will show up here.</p>
        </Callout>
      )}
      {items.length > 0 && (
        <ul className="review-list" aria-label="Replies to review">
          {items.map((item) => (
            <li key={item.id} className="review-row" data-review-id={item.id}>
              <div className="review-who">
                <strong>
                  {item.clientNames.length > 0 ? item.clientNames.join(', ') : 'Unknown sender'}
                </strong>
                <span className="review-number">{item.display}</span>
                <span className="review-when">{formatWhen(item.receivedAt)}</span>
              </div>
              <blockquote className="review-text">{item.text}</blockquote>
              <div className="review-actions">
                <Button
                  variant="danger"
                  small
                  disabled={busyId === item.id}
                  onClick={() => void decide(item, 'opt_out')}
                >
                  Opt out
                </Button>
                <Button small disabled={busyId === item.id} onClick={() => void decide(item, 'not_opt_out')}>
                  Not an opt-out
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
