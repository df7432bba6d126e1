"use client";
// j/k through the rows of a list, o/Enter to open the active row, x to select it for a bulk
// action. The active row scrolls into view; rows mark themselves with data-active (see Tr).
import { useEffect, useMemo, useRef, useState } from "react";
import { moveCursor } from "@/lib/keyboard";
import { useShortcuts, type Shortcut } from "./shortcuts";

export function useListNavigation(opts: { count: number; onOpen?: (index: number) => void; onToggleSelect?: (index: number) => void; group?: string }) {
  const { count, onOpen, onToggleSelect, group = "Lists" } = opts;
  const [active, setActiveState] = useState(-1);
  const activeRef = useRef(-1);
  const setActive = (i: number) => {
    activeRef.current = i;
    setActiveState(i);
  };
  const setRef = useRef(setActive);
  setRef.current = setActive;
  const shortcuts = useMemo<Shortcut[]>(() => {
    const move = (delta: number) => setRef.current(moveCursor(activeRef.current, delta, count));
    const withActive = (fn: (i: number) => void) => () => {
      const i = activeRef.current;
      if (i >= 0 && i < count) fn(i);
    };
    const list: Shortcut[] = [
      { keys: "j", description: "Next row", group, run: () => move(1) },
      { keys: "k", description: "Previous row", group, run: () => move(-1) },
    ];
    if (onOpen) list.push({ keys: "o", description: "Open the active row", group, run: withActive(onOpen) }, { keys: "Enter", description: "Open the active row", group, run: withActive(onOpen) });
    if (onToggleSelect) list.push({ keys: "x", description: "Select / unselect the active row", group, run: withActive(onToggleSelect) });
    return list;
  }, [count, onOpen, onToggleSelect, group]);
  useShortcuts(shortcuts);
  useEffect(() => {
    if (active >= 0) document.querySelector("[data-active='true']")?.scrollIntoView({ block: "nearest" });
  }, [active]);
  return { active: active < count ? active : -1, activeRef, setActive };
}
