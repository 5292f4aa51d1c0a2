export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; text: string }
  | { status: 'failed'; text: string };

/** What became of the last save, beside the button that did it; the live regions are always in the page. */
export function SaveLine({ state }: { state: SaveState }) {
  return (
    <span className="save-line">
      <span role="status" className="action-done">
        {state.status === 'saved' ? state.text : state.status === 'saving' ? 'Saving…' : ''}
      </span>
      <span role="alert" className="action-refused">
        {state.status === 'failed' ? state.text : ''}
      </span>
    </span>
  );
}
