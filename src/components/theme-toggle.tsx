"use client";
// Light / dark / system switch. The choice is stored in localStorage; "system" follows the OS
// setting live. The first paint is already right thanks to THEME_SCRIPT in the root layout.
import { useEffect, useState } from "react";
import { parsePreference, resolveTheme, THEME_PREFERENCES, THEME_STORAGE_KEY, type ThemePreference } from "@/lib/theme";

const LABEL: Record<ThemePreference, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };
const ICON: Record<ThemePreference, string> = { system: "◐", light: "☀", dark: "☾" };

function apply(pref: ThemePreference) {
  const dark = resolveTheme(pref, window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark === "dark");
  document.documentElement.style.colorScheme = dark;
}

export function ThemeToggle() {
  const [pref, setPref] = useState<ThemePreference>("system");
  useEffect(() => {
    // Reading localStorage is only possible after hydration (the server cannot know it).
    const stored = parsePreference(localStorage.getItem(THEME_STORAGE_KEY));
    setPref(stored);
    // The inline script normally did this before paint; pages rendered without it (error
    // boundaries, client navigations into a new root) get it here.
    apply(stored);
  }, []);
  useEffect(() => {
    if (pref !== "system") return;
    const mq = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => apply("system");
    mq.addEventListener("change", onChange);
    return () => mq.removeEventListener("change", onChange);
  }, [pref]);
  const next = THEME_PREFERENCES[(THEME_PREFERENCES.indexOf(pref) + 1) % THEME_PREFERENCES.length]!;
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      data-theme-preference={pref}
      onClick={() => {
        localStorage.setItem(THEME_STORAGE_KEY, next);
        setPref(next);
        apply(next);
      }}
      title={`${LABEL[pref]} (click for ${LABEL[next].toLowerCase()})`}
      aria-label={`${LABEL[pref]}; switch to ${LABEL[next].toLowerCase()}`}
      className="rounded px-2 py-1 text-base leading-none hover:bg-slate-100 dark:hover:bg-slate-800"
    >
      <span aria-hidden>{ICON[pref]}</span>
    </button>
  );
}
