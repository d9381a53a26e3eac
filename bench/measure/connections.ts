import { subscribe, unsubscribe } from "node:diagnostics_channel";

/**
 * Counts TCP connections accepted by servers in this process (the embedded emulator) through the
 * `net.server.socket` diagnostics channel. A provider that keeps one pool opens at most its pool
 * size per process, however many resources it serves.
 */
export class ConnectionCounter {
  private count = 0;
  private readonly listener = () => {
    this.count++;
  };

  /** Starts counting from zero. */
  start(): void {
    this.count = 0;
    subscribe("net.server.socket", this.listener);
  }

  /** Stops counting and returns the connections accepted since {@link start}. */
  stop(): number {
    unsubscribe("net.server.socket", this.listener);
    return this.count;
  }
}
