"use client";
// The "?" in the header: opens the keyboard help for people who do not know the shortcut yet.
export function HelpButton() {
  return (
    <button
      type="button"
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      onClick={() => window.dispatchEvent(new KeyboardEvent("keydown", { key: "?" }))}
      className="h-6 w-6 rounded-full border border-slate-300 text-xs font-semibold hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      ?
    </button>
  );
}
