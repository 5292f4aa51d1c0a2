import type { DeskEvent, DeskEventMap, DeskEventName } from '../../shared/api';

export type DeskEventListener = (event: DeskEvent) => void;

/** The core's push events; transports (IPC, SSE) subscribe once and forward everything. */
export class DeskEvents {
  private listeners = new Set<DeskEventListener>();

  emit<E extends DeskEventName>(name: E, payload: DeskEventMap[E]): void {
    const event = { name, payload } as DeskEvent;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed window) must not stop the others or the core.
      }
    }
  }

  subscribe(listener: DeskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
