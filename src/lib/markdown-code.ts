// Quotes untrusted text (alert titles, user names) as inline markdown code, so a comment shows
// it verbatim: markdown would otherwise drop raw HTML or apply formatting found in the text.
/** `text` as an inline code span whose fence is longer than any backtick run inside it. */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, " ");
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}
