// Keyboard shortcuts, the pure part: which keys mean what, when to ignore them (typing in a
// field, modifier held), two-key sequences ("g c"), and moving a cursor through a list.
// The React side (components/keyboard/) only wires these to window events.

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: unknown;
}

const TYPING_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/** Keys typed into a text field, a select or a contenteditable are the user's text, not commands. */
export function isTypingTarget(target: unknown): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null | undefined;
  if (!el || typeof el.tagName !== "string") return false;
  if (el.isContentEditable) return true;
  if (el.tagName === "INPUT") return !["checkbox", "radio", "button", "submit"].includes(String(el.type ?? "text"));
  return TYPING_TAGS.has(el.tagName);
}

function isInteractiveTarget(target: unknown): boolean {
  const tag = (target as { tagName?: unknown } | null | undefined)?.tagName;
  return tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || isTypingTarget(target);
}

/**
 * The shortcut name of a key event, or null when it must be left alone: a modifier is held
 * (browser and OS shortcuts win), or the user is typing (Escape still counts, to leave a field).
 */
export function shortcutKey(e: KeyLike): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === "Escape") return "Escape";
  if (isTypingTarget(e.target)) return null;
  // Enter on a focused button or link is that control's own action.
  if (e.key === "Enter") return isInteractiveTarget(e.target) ? null : "Enter";
  if (e.key.length === 1) return e.key;
  return null;
}

export const SEQUENCE_TIMEOUT_MS = 1200;

export type PendingPrefix = { key: string; at: number } | null;

/**
 * Matches a key against bindings that are single keys ("j") or two-key sequences ("g c").
 * Returns the binding it completes (or null) and the prefix to remember for the next key.
 */
export function matchKey(bindings: readonly string[], pending: PendingPrefix, key: string, now: number, timeoutMs = SEQUENCE_TIMEOUT_MS): { match: string | null; pending: PendingPrefix } {
  if (pending && now - pending.at <= timeoutMs) {
    const seq = `${pending.key} ${key}`;
    if (bindings.includes(seq)) return { match: seq, pending: null };
  }
  if (bindings.some((b) => b.startsWith(`${key} `))) return { match: null, pending: { key, at: now } };
  return { match: bindings.includes(key) ? key : null, pending: null };
}

/** Next cursor position in a list of `length` rows; -1 (nothing active) moves to the first row. */
export function moveCursor(current: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}
