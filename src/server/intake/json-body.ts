// Parses a webhook body as JSON with a nesting limit checked before JSON.parse, so a hostile
// 10,000-deep array is refused in linear time without touching the parser's recursion.
import { AppError } from "../errors";

/** The deepest nesting of arrays/objects in JSON text (strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function parseJsonBody(body: Buffer, maxDepth: number): unknown {
  const text = body.toString("utf8");
  if (!text.trim()) throw new AppError("BAD_REQUEST", "body is empty; expected JSON");
  const depth = jsonDepth(text);
  if (depth > maxDepth) throw new AppError("BAD_REQUEST", `body nests ${depth} levels deep; the limit is ${maxDepth}`);
  try {
    // Object keys like "__proto__" become own properties under JSON.parse; they never touch prototypes.
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("BAD_REQUEST", `body is not valid JSON: ${(e as Error).message}`);
  }
}
