// Keyboard handling: what counts as a shortcut, sequences, list cursor.
import { describe, expect, it } from "vitest";
import { isTypingTarget, matchKey, moveCursor, shortcutKey } from "@/lib/keyboard";

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, ...extra });

describe("shortcutKey", () => {
  it("passes plain keys on the page through", () => {
    expect(shortcutKey({ key: "j", target: el("BODY") })).toBe("j");
    expect(shortcutKey({ key: "?", target: el("DIV") })).toBe("?");
    expect(shortcutKey({ key: "Enter", target: el("TR") })).toBe("Enter");
  });

  it("ignores keys typed into fields, except Escape to leave them", () => {
    for (const target of [el("INPUT", { type: "text" }), el("INPUT", { type: "search" }), el("TEXTAREA"), el("SELECT"), el("DIV", { isContentEditable: true })]) {
      expect(shortcutKey({ key: "j", target })).toBeNull();
      expect(shortcutKey({ key: "Escape", target })).toBe("Escape");
    }
    expect(isTypingTarget(el("INPUT", { type: "checkbox" }))).toBe(false);
    expect(shortcutKey({ key: "x", target: el("INPUT", { type: "checkbox" }) })).toBe("x");
  });

  it("leaves browser shortcuts and Enter on buttons and links alone", () => {
    expect(shortcutKey({ key: "k", ctrlKey: true, target: el("BODY") })).toBeNull();
    expect(shortcutKey({ key: "c", metaKey: true, target: el("BODY") })).toBeNull();
    expect(shortcutKey({ key: "a", altKey: true, target: el("BODY") })).toBeNull();
    expect(shortcutKey({ key: "Enter", target: el("BUTTON") })).toBeNull();
    expect(shortcutKey({ key: "Enter", target: el("A") })).toBeNull();
    expect(shortcutKey({ key: "ArrowDown", target: el("BODY") })).toBeNull();
  });
});

describe("matchKey", () => {
  const bindings = ["j", "k", "g c", "g r", "?"];

  it("matches single keys", () => {
    expect(matchKey(bindings, null, "j", 0)).toEqual({ match: "j", pending: null });
    expect(matchKey(bindings, null, "z", 0)).toEqual({ match: null, pending: null });
  });

  it("completes a two-key sequence within the timeout", () => {
    const first = matchKey(bindings, null, "g", 1000);
    expect(first).toEqual({ match: null, pending: { key: "g", at: 1000 } });
    expect(matchKey(bindings, first.pending, "c", 1500).match).toBe("g c");
  });

  it("drops a stale prefix and treats the key on its own", () => {
    const first = matchKey(bindings, null, "g", 1000);
    expect(matchKey(bindings, first.pending, "c", 5000).match).toBeNull();
    expect(matchKey(bindings, first.pending, "j", 5000).match).toBe("j");
  });

  it("does not complete an unbound sequence", () => {
    const first = matchKey(bindings, null, "g", 0);
    expect(matchKey(bindings, first.pending, "k", 10)).toEqual({ match: "k", pending: null });
  });
});

describe("moveCursor", () => {
  it("starts at the first row going down and the last going up", () => {
    expect(moveCursor(-1, 1, 5)).toBe(0);
    expect(moveCursor(-1, -1, 5)).toBe(4);
  });
  it("stays within the list", () => {
    expect(moveCursor(4, 1, 5)).toBe(4);
    expect(moveCursor(0, -1, 5)).toBe(0);
    expect(moveCursor(2, 1, 5)).toBe(3);
  });
  it("has nothing to move to in an empty list", () => {
    expect(moveCursor(0, 1, 0)).toBe(-1);
  });
});
