import { describe, expect, it } from 'vitest';
import { indexToOpen, nextActiveIndex } from './search-keys';

describe('search keyboard', () => {
  it('moves the highlight with the arrows, stopping at the ends', () => {
    expect(nextActiveIndex('ArrowDown', -1, 3)).toBe(0);
    expect(nextActiveIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextActiveIndex('ArrowUp', 0, 3)).toBe(0);
    expect(nextActiveIndex('ArrowUp', 2, 3)).toBe(1);
    expect(nextActiveIndex('Home', 2, 3)).toBe(0);
    expect(nextActiveIndex('End', 0, 3)).toBe(2);
  });

  it('leaves other keys and empty results alone', () => {
    expect(nextActiveIndex('a', 0, 3)).toBeNull();
    expect(nextActiveIndex('ArrowDown', -1, 0)).toBeNull();
  });

  it('opens the highlighted result on Enter, or the first when none is highlighted', () => {
    expect(indexToOpen(1, 3)).toBe(1);
    expect(indexToOpen(-1, 3)).toBe(0);
    expect(indexToOpen(-1, 0)).toBeNull();
  });
});
