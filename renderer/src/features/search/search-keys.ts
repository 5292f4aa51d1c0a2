/** Where the highlighted result moves on a key press in the search box; -1 means none is highlighted. */
export function nextActiveIndex(key: string, active: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(active + 1, count - 1);
    case 'ArrowUp':
      return Math.max(active - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Enter opens the highlighted result, or the first one when none is highlighted yet. */
export function indexToOpen(active: number, count: number): number | null {
  if (count === 0) return null;
  return active >= 0 && active < count ? active : 0;
}
