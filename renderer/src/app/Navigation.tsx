import { CountBadge } from '../components/CountBadge';
import { useInboxStore } from '../stores/inbox-store';
import { useWorkspaceStore, type ScreenId } from '../stores/workspace-store';
import { SCREENS } from './screens';

/** The screens as a row of buttons; the current one is marked for eyes and for screen readers. */
export function Navigation() {
  const screen = useWorkspaceStore((state) => state.screen);
  const goTo = useWorkspaceStore((state) => state.goTo);
  const clientUnread = useInboxStore((state) => state.clientUnread);
  const reviewOpen = useInboxStore((state) => state.reviewOpen);
  const badges: Partial<Record<ScreenId, { count: number | null; words: string }>> = {
    clients: { count: clientUnread, words: 'unread' },
    review: { count: reviewOpen, words: 'to review' },
  };
  return (
    <nav className="navigation" aria-label="Screens">
      <ul>
        {SCREENS.map((entry) => {
          const badge = badges[entry.id];
          return (
            <li key={entry.id}>
              <button
                type="button"
                className={entry.id === screen ? 'nav-button is-current' : 'nav-button'}
                aria-current={entry.id === screen ? 'page' : undefined}
                data-screen={entry.id}
                onClick={() => goTo(entry.id)}
              >
                {entry.label}
                {badge && <CountBadge count={badge.count} words={badge.words} />}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
