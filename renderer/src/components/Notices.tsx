import { useNoticeStore } from '../stores/notice-store';
import { useWorkspaceStore } from '../stores/workspace-store';

/** New-text notices in the corner: each says who and what, opens the card, and stays until dismissed. */
export function Notices() {
  const notices = useNoticeStore((state) => state.notices);
  const dismiss = useNoticeStore((state) => state.dismiss);
  const openClient = useWorkspaceStore((state) => state.openClient);
  const goTo = useWorkspaceStore((state) => state.goTo);
  return (
    <section className="notices" aria-label="Notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" data-notice>
          <p className="notice-title">{notice.title}</p>
          {notice.text && <p className="notice-text">“{notice.text}”</p>}
          <div className="notice-actions">
            <button
              type="button"
              className="button button-primary button-small"
              onClick={() => {
                if (notice.clientId !== null) openClient(notice.clientId);
                else if (notice.unknownSender) goTo('unknown');
                dismiss(notice.id);
              }}
            >
              Open
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => dismiss(notice.id)}
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
