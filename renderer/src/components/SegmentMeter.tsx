import type { SegmentCount } from '../../../shared/segments';
import { segmentWords } from './segment-words';

/** What a text will cost, as it is typed: characters, encoding and SMS segments. */
export function SegmentMeter({ count, id }: { count: SegmentCount; id?: string }) {
  const words = segmentWords(count);
  return (
    <div className="segment-meter" id={id} data-encoding={count.encoding} data-segments={count.segments}>
      <p className="segment-line">
        <span className="segment-chars">{words.characters}</span>
        <span aria-hidden="true"> · </span>
        <span className={count.encoding === 'UCS-2' ? 'segment-encoding is-ucs2' : 'segment-encoding'}>
          {words.encoding}
        </span>
        <span aria-hidden="true"> · </span>
        <strong className="segment-count">{words.segments}</strong>
      </p>
      <p className="segment-room">{words.room}</p>
      {words.ucs2Because && <p className="segment-why">{words.ucs2Because}</p>}
    </div>
  );
}
