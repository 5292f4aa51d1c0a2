import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeskEvent } from '../../shared/api';

type Subscribe = (listener: (event: DeskEvent) => void) => () => void;

/** Long-lived connections stay open through idle stretches only if something crosses them now and then. */
const HEARTBEAT_MS = 20_000;

/**
 * The core's push events as Server-Sent Events: one `data:` line of `{ name, payload }` JSON per event. Every open
 * stream is tracked so shutdown can end them (an open stream would otherwise keep the server from closing).
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly subscribe: Subscribe) {}

  get count(): number {
    return this.open.size;
  }

  accept(req: IncomingMessage, res: ServerResponse): void {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    res.flushHeaders();
    this.open.add(res);

    const unsubscribe = this.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();

    const cleanUp = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    req.on('close', cleanUp);
    res.on('close', cleanUp);

    // The client may reconnect after two seconds; the comment tells it (and tests) that the stream is live.
    res.write('retry: 2000\n: connected\n\n');
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
