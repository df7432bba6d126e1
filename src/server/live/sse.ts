// The server-sent events stream of one browser tab: events from the process's shared listener,
// a heartbeat comment so proxies keep the connection open, and a periodic session check so a
// signed-out or disabled user stops receiving even ids.
import type { LiveListener } from "./listener";

export interface LiveStreamOptions {
  signal: AbortSignal;
  /** Returns false when the session is gone; checked every sessionCheckMs. */
  stillAuthorized: () => Promise<boolean>;
  heartbeatMs?: number;
  sessionCheckMs?: number;
}

export function liveStreamResponse(listener: LiveListener, opts: LiveStreamOptions): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send("retry: 3000\n: connected\n\n");
      const unsubscribe = listener.subscribe((event) => send(`event: change\ndata: ${JSON.stringify(event)}\n\n`));
      const heartbeat = setInterval(() => send(": ping\n\n"), opts.heartbeatMs ?? 25_000);
      const sessionCheck = setInterval(() => {
        void opts.stillAuthorized().then((ok) => ok || cleanup(), () => undefined);
      }, opts.sessionCheckMs ?? 60_000);
      cleanup = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(sessionCheck);
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      opts.signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}
