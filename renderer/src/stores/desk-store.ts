import { create } from 'zustand';
import type { DeskInfo } from '../../../shared/api/desk';
import type { SyncStatus } from '../../../shared/api';
import { call, onConnection, onEvent, setStaffName, type ConnectionState } from '../api';
import { startInboxStore } from './inbox-store';

const STAFF_KEY = 'frontdesk.staffName';
/** How long pushes are gathered before views re-read. */
const REVISION_SETTLE_MS = 60;

interface DeskState {
  info: DeskInfo | null;
  /** Why the desk could not be reached at start, in plain words. */
  infoError: string | null;
  /** Who is at this workstation. */
  staffName: string | null;
  /** The latest sync report from the core; null until the first arrives. */
  sync: SyncStatus | null;
  connection: ConnectionState;
  /**
   * Goes up whenever a client, a number's consent or a message changes anywhere (this window, another workstation,
   * a reply from a client). Views that show those re-read when it moves.
   */
  revision: number;
  chooseStaff(name: string): void;
  /** This window changed something: re-read without waiting for the desk's push. */
  markChanged(): void;
  /** Reads the desk's info again (after settings changed the business name or the staff names). */
  refreshInfo(): Promise<void>;
}

export const useDeskStore = create<DeskState>()((set) => ({
  info: null,
  infoError: null,
  staffName: null,
  sync: null,
  connection: 'connecting',
  revision: 0,
  chooseStaff(name) {
    setStaffName(name);
    rememberStaff(name);
    set({ staffName: name });
  },
  markChanged: () => set((state) => ({ revision: state.revision + 1 })),
  refreshInfo: () => loadInfo(),
}));

let started = false;

/** Subscribes the store to the desk's pushes and loads the desk's info: once, however often it is called. */
export function startDeskStore(): void {
  if (started) return;
  started = true;
  // A sync page can push dozens of changes at once; one re-read a moment later answers them all.
  let pending: number | undefined;
  const bump = () => {
    if (pending !== undefined) return;
    pending = window.setTimeout(() => {
      pending = undefined;
      useDeskStore.setState((state) => ({ revision: state.revision + 1 }));
    }, REVISION_SETTLE_MS);
  };
  onEvent('client.changed', bump);
  onEvent('consent.changed', bump);
  onEvent('message.changed', bump);
  onEvent('sync.status', (sync) => useDeskStore.setState({ sync }));
  onConnection((connection) => useDeskStore.setState({ connection }));
  startInboxStore();
  void loadInfo();
  // The status as it is now; pushes keep it current from here (a push that came first wins).
  void call('desk.syncStatus', {}).then(
    (sync) => {
      if (useDeskStore.getState().sync === null) useDeskStore.setState({ sync });
    },
    () => {},
  );
}

function loadInfo(): Promise<void> {
  return call('desk.info', {}).then(
    (info) => {
      const staffName = pickStaff(info.staffNames, useDeskStore.getState().staffName ?? recallStaff());
      setStaffName(staffName ?? undefined);
      useDeskStore.setState({ info, staffName, infoError: null });
    },
    (error: unknown) => useDeskStore.setState({ infoError: (error as Error).message }),
  );
}

/** The name remembered at this workstation if it is still a staff name, else the first one. */
export function pickStaff(staffNames: string[], remembered: string | null): string | null {
  if (remembered !== null && staffNames.includes(remembered)) return remembered;
  return staffNames[0] ?? null;
}

function recallStaff(): string | null {
  try {
    return window.localStorage.getItem(STAFF_KEY);
  } catch {
    return null;
  }
}

function rememberStaff(name: string): void {
  try {
    window.localStorage.setItem(STAFF_KEY, name);
  } catch {
    // Storage can be off (private windows); the choice then lasts until the page closes.
  }
}
