/**
 * Whether Neo4j can be reached, as this process last saw it: a small circuit breaker. A connection failure marks
 * the graph down; while down every query fails at once (no driver retries, no connection attempts) and one
 * background probe asks the server every `probeIntervalMs` until it answers; then the graph is up again and the
 * recovery listeners run (the service warms its query plans up, as at start).
 */

export interface AvailabilityOptions {
  /** One round trip to the server; resolves when it answered, rejects otherwise. */
  probe(): Promise<void>;
  probeIntervalMs?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export interface Availability {
  /** True unless a connection failure was seen and no probe has succeeded since. */
  isUp(): boolean;
  /** When the graph went down (epoch ms), or null while up. */
  downSince(): number | null;
  /** Records a connection failure: marks the graph down and starts probing (once). */
  markDown(reason: unknown): void;
  /** Records a successful round trip: marks the graph up (running the recovery listeners if it was down). */
  markUp(): void;
  /** Calls `listener` each time the graph comes back after being down; returns the unsubscribe function. */
  onRecovered(listener: () => void): () => void;
  /** Calls `listener` with the failure each time the graph goes down; returns the unsubscribe function. */
  onDown(listener: (reason: unknown) => void): () => void;
  /** Stops probing. */
  close(): void;
}

/** Creates the breaker, initially up: the first failure of a real query decides it is down. */
export function createAvailability(o: AvailabilityOptions): Availability {
  const interval = o.probeIntervalMs ?? 500;
  const listeners = new Set<() => void>();
  const downListeners = new Set<(reason: unknown) => void>();
  let since: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(probeNow, interval);
    // The probe alone never keeps a process (the CLI, a test) alive.
    timer.unref();
  };
  const probeNow = () => {
    o.probe().then(
      () => {
        timer = null;
        availability.markUp();
      },
      () => {
        timer = null;
        if (since !== null) schedule();
      },
    );
  };

  const availability: Availability = {
    isUp: () => since === null,
    downSince: () => since,
    markDown(reason) {
      if (closed) return;
      if (since === null) {
        since = Date.now();
        o.log?.('Neo4j unreachable: failing fast and probing in the background', {
          reason: (reason as Error)?.message ?? String(reason),
        });
        for (const listener of downListeners) listener(reason);
      }
      schedule();
    },
    markUp() {
      if (since === null) return;
      const downMs = Date.now() - since;
      since = null;
      if (timer) clearTimeout(timer);
      timer = null;
      o.log?.('Neo4j reachable again', { downMs });
      for (const listener of listeners) listener();
    },
    onRecovered(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onDown(listener) {
      downListeners.add(listener);
      return () => downListeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return availability;
}
