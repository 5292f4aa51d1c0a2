import { useEffect } from 'react';
import { focusSearch } from '../features/search/focus-search';

/** Ctrl+K (Cmd+K on a Mac) jumps to the search box from anywhere outside a dialog. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      // A modal dialog keeps the keyboard; jumping behind it would lose what is being typed there.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      focusSearch();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
