import { create } from 'zustand';

export interface Notice {
  id: number;
  title: string;
  text: string;
  /** The card to open from the notice, when it is about a client. */
  clientId: number | null;
  /** What "Open" leads to when there is no client: the unknown senders screen. */
  unknownSender: boolean;
}

/** At most this many stay on screen; older ones make room (the unread count keeps the rest). */
export const MAX_NOTICES = 3;

interface NoticeState {
  notices: Notice[];
  push(notice: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** In-app notices of new texts: they stay until staff open or dismiss them, so none is missed while away. */
export const useNoticeStore = create<NoticeState>()((set) => ({
  notices: [],
  push: (notice) =>
    set((state) => ({ notices: [...state.notices, { ...notice, id: nextId++ }].slice(-MAX_NOTICES) })),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}));
