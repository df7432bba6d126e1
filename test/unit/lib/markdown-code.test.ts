import { describe, expect, it } from "vitest";
import { inlineCode } from "@/lib/markdown-code";

describe("inlineCode", () => {
  it("wraps plain text in single backticks", () => {
    expect(inlineCode('Pwn <script>window.__xss="script"</script>')).toBe('`Pwn <script>window.__xss="script"</script>`');
  });
  it("uses a fence longer than any backtick run inside and pads edge backticks", () => {
    expect(inlineCode("a ``b`` c")).toBe("```a ``b`` c```");
    expect(inlineCode("`x")).toBe("`` `x ``");
  });
  it("keeps the span on one line", () => {
    expect(inlineCode("line one\n  line two")).toBe("`line one line two`");
  });
});
