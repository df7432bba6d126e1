"use client";
// Live updates in the browser: one EventSource on /api/live per tab. Each event names what
// changed (cases, runs, approvals, containment) and which case/run ids; matching tRPC queries
// are invalidated, batched so a burst of alerts causes one refetch, not hundreds. The browser
// reconnects by itself; after a reconnect everything is refetched (events may have been missed).
import { useQueryClient, type Query, type QueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

export type LiveState = "connecting" | "live" | "offline";
const LiveContext = createContext<LiveState>("connecting");
export const useLiveState = () => useContext(LiveContext);

interface LiveEvent {
  topic: "cases" | "runs" | "approvals" | "containment" | "resync";
  caseIds: string[] | "*";
  runIds: string[] | "*";
}

/** Routers whose lists change with each topic (tRPC query keys start with the path array). */
const ROUTERS_BY_TOPIC: Record<LiveEvent["topic"], string[]> = {
  cases: ["cases", "alerts"],
  runs: ["runs", "approvals"],
  approvals: ["approvals", "runs"],
  containment: ["containment"],
  resync: [],
};
export const FLUSH_MS = 400;

const routerOf = (q: Query) => (Array.isArray(q.queryKey[0]) ? String(q.queryKey[0][0]) : "");
const procedureOf = (q: Query) => (Array.isArray(q.queryKey[0]) ? q.queryKey[0].join(".") : "");

function invalidate(client: QueryClient, events: LiveEvent[]) {
  if (events.some((e) => e.topic === "resync")) return void client.invalidateQueries();
  const routers = new Set(events.flatMap((e) => ROUTERS_BY_TOPIC[e.topic]));
  const anyCase = events.some((e) => e.caseIds === "*");
  const caseIds = new Set(events.flatMap((e) => (e.caseIds === "*" ? [] : e.caseIds)));
  void client.invalidateQueries({
    predicate: (q) => {
      // One case page refetches only when its case changed; lists refetch on any change.
      if (procedureOf(q) === "cases.byId") return anyCase || caseIds.has(String((q.state.data as { id?: unknown } | undefined)?.id));
      return routers.has(routerOf(q));
    },
  });
}

export function LiveUpdates({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    let queue: LiveEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let wasLive = false;
    const source = new EventSource("/api/live");
    source.onopen = () => {
      if (wasLive) invalidate(client, [{ topic: "resync", caseIds: "*", runIds: "*" }]);
      wasLive = true;
      setState("live");
    };
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.addEventListener("change", (msg) => {
      try {
        queue.push(JSON.parse((msg as MessageEvent<string>).data) as LiveEvent);
      } catch {
        return;
      }
      timer ??= setTimeout(() => {
        const batch = queue;
        queue = [];
        timer = null;
        invalidate(client, batch);
      }, FLUSH_MS);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

export function LiveIndicator() {
  const state = useLiveState();
  const look = { live: ["bg-emerald-500", "Live"], connecting: ["bg-amber-500 animate-pulse", "Connecting…"], offline: ["bg-red-500", "Offline: reload the page"] }[state];
  return (
    <span data-testid="live-status" data-state={state} className="inline-flex items-center gap-1.5 text-xs text-slate-500" title="Live updates: new alerts, run progress and approvals appear without reloading">
      <span className={`h-2 w-2 rounded-full ${look[0]}`} aria-hidden />
      {look[1]}
    </span>
  );
}
