// One LISTEN connection per process, shared by every SSE stream of that process (a held
// connection per browser tab would exhaust Postgres). It reconnects with backoff and then tells
// subscribers to resync, since notifications sent while it was away are lost.
import pg from "pg";
import { logger } from "../logger";
import { LIVE_CHANNEL, parseLiveEvent, type LiveEvent } from "./events";

type Subscriber = (event: LiveEvent) => void;

export class LiveListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly subscribers = new Set<Subscriber>();
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly connectionString: string, private readonly idleCloseMs = 10_000) {}

  /** Calls fn for every event until the returned function is called. */
  subscribe(fn: Subscriber): () => void {
    this.subscribers.add(fn);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    void this.ensureConnected();
    return () => {
      this.subscribers.delete(fn);
      if (this.subscribers.size === 0 && !this.idleTimer) {
        this.idleTimer = setTimeout(() => void this.disconnect(), this.idleCloseMs);
        this.idleTimer.unref();
      }
    };
  }

  /** Resolves once LISTEN is active (tests wait on it before writing). */
  ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: "vigil-live" });
    client.on("notification", (msg) => {
      const event = msg.channel === LIVE_CHANNEL ? parseLiveEvent(msg.payload) : null;
      if (event) this.emit(event);
    });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    const wasReconnect = this.retryMs > 500;
    this.client = client;
    this.retryMs = 500;
    if (wasReconnect) this.emit({ topic: "resync", caseIds: "*", runIds: "*" });
  }

  private lost(client: pg.Client, err?: unknown) {
    if (this.client === client) this.client = null;
    client.removeAllListeners("end");
    void client.end().catch(() => undefined);
    if (this.closed || this.subscribers.size === 0 || this.retryTimer) return;
    logger().warn({ err }, `live updates: LISTEN connection lost, retrying in ${this.retryMs} ms`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.ensureConnected();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
  }

  private emit(event: LiveEvent) {
    for (const fn of this.subscribers) {
      try {
        fn(event);
      } catch (err) {
        logger().warn({ err }, "live update subscriber failed");
      }
    }
  }

  private async disconnect() {
    this.idleTimer = null;
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.connecting?.catch(() => undefined);
    await this.disconnect();
  }
}

const g = globalThis as unknown as { vigilLiveListener?: LiveListener };

/** The process's listener on DATABASE_URL. */
export function liveListener(connectionString: string): LiveListener {
  g.vigilLiveListener ??= new LiveListener(connectionString);
  return g.vigilLiveListener;
}
