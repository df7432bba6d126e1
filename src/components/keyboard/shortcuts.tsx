"use client";
// Keyboard shortcuts for the whole app. Pages register theirs with useShortcuts(); one window
// listener dispatches keys (lib/keyboard.ts decides what counts), and "?" opens a help overlay
// listing every shortcut active on the current page.
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { isTypingTarget, matchKey, shortcutKey, type PendingPrefix } from "@/lib/keyboard";
import { Dialog } from "../dialog";

export interface Shortcut {
  /** "j", "?", "Enter", or a sequence "g c". */
  keys: string;
  description: string;
  group: string;
  run: () => void;
}

interface Registry {
  register(list: Shortcut[]): () => void;
  all(): Shortcut[];
}

const ShortcutContext = createContext<Registry | null>(null);

const GLOBAL: Omit<Shortcut, "run">[] = [
  { keys: "g c", description: "Go to cases", group: "Navigation" },
  { keys: "g a", description: "Go to alerts", group: "Navigation" },
  { keys: "g r", description: "Go to runs", group: "Navigation" },
  { keys: "g p", description: "Go to approvals", group: "Navigation" },
  { keys: "g m", description: "Go to metrics", group: "Navigation" },
];
const ROUTES: Record<string, string> = { "g c": "/cases", "g a": "/alerts", "g r": "/runs", "g p": "/approvals", "g m": "/metrics" };

export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const layers = useRef(new Map<number, Shortcut[]>());
  const nextLayer = useRef(1);
  const [helpOpen, setHelpOpen] = useState(false);
  const [, setVersion] = useState(0);

  const registry = useMemo<Registry>(
    () => ({
      register(list) {
        const id = nextLayer.current++;
        layers.current.set(id, list);
        setVersion((v) => v + 1);
        return () => {
          layers.current.delete(id);
          setVersion((v) => v + 1);
        };
      },
      all() {
        const builtIn: Shortcut[] = [
          ...GLOBAL.map((s) => ({ ...s, run: () => router.push(ROUTES[s.keys]!) })),
          { keys: "?", description: "Show keyboard shortcuts", group: "General", run: () => setHelpOpen(true) },
        ];
        // Later registrations (the page) win over earlier ones (the shell) for the same keys.
        const byKeys = new Map<string, Shortcut>();
        for (const s of [...builtIn, ...[...layers.current.values()].flat()]) byKeys.set(s.keys, s);
        return [...byKeys.values()];
      },
    }),
    [router],
  );

  const pending = useRef<PendingPrefix>(null);
  const dispatch = useCallback(
    (e: KeyboardEvent) => {
      const key = shortcutKey(e);
      if (!key || helpOpen) return;
      if (key === "Escape" && isTypingTarget(e.target)) return (e.target as HTMLElement).blur();
      const list = registry.all();
      const result = matchKey(list.map((s) => s.keys), pending.current, key, Date.now());
      pending.current = result.pending;
      const shortcut = result.match ? list.find((s) => s.keys === result.match) : undefined;
      if (!shortcut) return;
      e.preventDefault();
      shortcut.run();
    },
    [registry, helpOpen],
  );

  useEffect(() => {
    window.addEventListener("keydown", dispatch);
    return () => window.removeEventListener("keydown", dispatch);
  }, [dispatch]);

  return (
    <ShortcutContext.Provider value={registry}>
      {children}
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={helpOpen ? registry.all() : []} />
    </ShortcutContext.Provider>
  );
}

function KeyboardHelp({ open, onClose, shortcuts }: { open: boolean; onClose: () => void; shortcuts: Shortcut[] }) {
  const groups = [...new Set(shortcuts.map((s) => s.group))];
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" description="Shortcuts are ignored while you type in a field; Esc leaves the field." testId="keyboard-help">
      <div className="grid gap-5 sm:grid-cols-2">
        {groups.map((g) => (
          <section key={g}>
            <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{g}</h3>
            <dl className="space-y-1 text-sm">
              {shortcuts
                .filter((s) => s.group === g)
                .map((s) => (
                  <div key={s.keys} className="flex items-center gap-3">
                    <dt className="w-16 shrink-0">
                      {s.keys.split(" ").map((k) => (
                        <kbd key={k} className="mr-1 rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                          {k}
                        </kbd>
                      ))}
                    </dt>
                    <dd>{s.description}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}

/** Registers shortcuts while the calling component is mounted. Pass a stable list (useMemo). */
export function useShortcuts(list: Shortcut[]) {
  const registry = useContext(ShortcutContext);
  useEffect(() => (registry ? registry.register(list) : undefined), [registry, list]);
}
