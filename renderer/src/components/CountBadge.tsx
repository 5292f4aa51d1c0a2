/**
 * A small count beside a navigation label. The number is for the eye; screen readers hear the words instead
 * (e.g. "2 waiting"), so the label's name reads as a sentence.
 */
export function CountBadge({ count, words }: { count: number | null; words: string }) {
  if (count === null || count <= 0) return null;
  return (
    <>
      <span className="count-badge" aria-hidden="true">
        {count > 999 ? '999+' : count}
      </span>
      <span className="visually-hidden">
        , {count} {words}
      </span>
    </>
  );
}
