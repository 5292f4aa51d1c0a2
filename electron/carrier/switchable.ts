import type { Carrier } from './carrier';

/**
 * The carrier the desk holds for its whole life. Saving or clearing credentials re-points it (demo ⇄ Telnyx)
 * without rebuilding the desk; every call goes to whichever carrier is current when it is made.
 */
export class SwitchableCarrier implements Carrier {
  private listeners = new Set<(carrier: Carrier) => void>();

  constructor(private current: Carrier) {}

  get mode(): 'demo' | 'telnyx' {
    return this.current.mode;
  }

  /** Points every later call at `carrier` and tells the listeners (a sync loop restarting its cursor, the status bar). */
  pointAt(carrier: Carrier): void {
    this.current = carrier;
    for (const listener of [...this.listeners]) listener(carrier);
  }

  /** Called after each switch; returns the unsubscribe. */
  onSwitch(listener: (carrier: Carrier) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send: Carrier['send'] = (request) => this.current.send(request);
  getMessage: Carrier['getMessage'] = (carrierId) => this.current.getMessage(carrierId);
  listDetailRecords: Carrier['listDetailRecords'] = (query) => this.current.listDetailRecords(query);
  listOptOuts: Carrier['listOptOuts'] = (query) => this.current.listOptOuts(query);
  setHelpAutoResponse: Carrier['setHelpAutoResponse'] = (text) => this.current.setHelpAutoResponse(text);
  testConnection: Carrier['testConnection'] = () => this.current.testConnection();
}
