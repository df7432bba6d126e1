// Comments are markdown written by people (and playbooks fed by attacker-controlled alerts): the
// rendered HTML must carry no script, no event handler, no javascript:/data: link.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { safeUrl } from "@/lib/safe-url";

const render = (md: string) => renderToStaticMarkup(<Markdown>{md}</Markdown>);

describe("Markdown", () => {
  it("renders ordinary markdown", () => {
    const html = render("**bold** and `code`\n\n- one\n- two\n\n[report](https://example.org/r?id=1)");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('href="https://example.org/r?id=1"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("drops raw HTML instead of interpreting it", () => {
    const html = render('hello <script>alert(1)</script> <img src=x onerror="alert(2)"> <b onclick="x()">b</b>');
    expect(html).not.toMatch(/<script|onerror|onclick|<img/i);
    expect(html).toContain("hello");
  });

  it("removes javascript:, data: and vbscript: link targets, however written", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)"]) {
      const html = render(`[click](<${url}>)`);
      expect(html, url).not.toMatch(/href="\s*(java|data|vb)/i);
      expect(html).toContain("click");
    }
    expect(render("<javascript:alert(1)>")).not.toMatch(/href="javascript/i);
  });

  it("shows images as links instead of loading them", () => {
    const html = render("![tracker](https://evil.example/pixel.gif)");
    expect(html).not.toContain("<img");
    expect(html).toContain('href="https://evil.example/pixel.gif"');
  });

  it("escapes text that looks like markup in code", () => {
    expect(render("`<script>x</script>`")).toContain("&lt;script&gt;");
  });
});

describe("safeUrl", () => {
  it("keeps web, mail and same-site links", () => {
    for (const ok of ["https://a.example/x", "http://a.example", "mailto:soc@example.org", "/cases/12", "#section", "cases?x=1"]) expect(safeUrl(ok)).toBe(ok);
  });
  it("drops every other scheme", () => {
    for (const bad of ["javascript:alert(1)", "\u0001javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "vbscript:x", "jav&#x09;ascript:x"]) expect(safeUrl(bad)).toBe("");
  });
});
