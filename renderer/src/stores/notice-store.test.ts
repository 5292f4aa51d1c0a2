import { describe, expect, it } from 'vitest';
import { MAX_NOTICES, useNoticeStore } from './notice-store';

describe('new-text notices', () => {
  it('keeps the latest few and drops one when dismissed', () => {
    const { push } = useNoticeStore.getState();
    for (let n = 1; n <= MAX_NOTICES + 2; n += 1) {
      push({ title: `Text ${n}`, text: '', clientId: n, unknownSender: false });
    }
    const shown = useNoticeStore.getState().notices;
    expect(shown.map((notice) => notice.title)).toEqual(['Text 3', 'Text 4', 'Text 5']);
    useNoticeStore.getState().dismiss(shown[1]!.id);
    expect(useNoticeStore.getState().notices.map((notice) => notice.title)).toEqual(['Text 3', 'Text 5']);
  });
});
