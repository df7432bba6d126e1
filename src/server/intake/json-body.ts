// Parses a webhook body as JSON. One linear scan before JSON.parse refuses hostile nesting (a
// 10,000-deep array never reaches the parser's recursion) and notices what JSON.parse would lose
// (duplicate keys, numbers beyond double precision), so the caller can keep the original bytes.
import { AppError } from "../errors";

export interface JsonScan {
  /** Deepest nesting seen, capped at maxDepth + 1 (the scan stops there). */
  depth: number;
  /** JSON.parse would not preserve the text: a duplicate key, or a number a double cannot hold. */
  lossy: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;

/** Index of the quote that closes the string opening at `start` (or text.length). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let j = q - 1; j > start && text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return q;
    i = q + 1;
  }
}

const NUMBER_CHAR = /[-+0-9.eE]/;

/** True when a JSON number token does not survive a round trip through a double. */
export function isLossyNumber(token: string): boolean {
  const value = Number(token);
  if (!Number.isFinite(value)) return true;
  const mantissa = token.replace(/^-/, "").split(/[eE]/)[0]!.replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  if (value === 0) return mantissa.length > 0; // underflow: 1e-400 became 0
  if (/^-?\d+$/.test(token)) return !Number.isSafeInteger(value);
  return mantissa.length > 15; // may be exact, but then keeping the bytes costs little

}

/**
 * Scans JSON text once: nesting depth (stopping as soon as it exceeds maxDepth), duplicate keys
 * and lossy numbers. Malformed text is not diagnosed here; JSON.parse does that afterwards.
 */
export function scanJson(text: string, maxDepth: number): JsonScan {
  const keys: (Set<string> | null)[] = []; // one entry per open container; a Set for objects
  let expectKey = false;
  let lossy = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const top = keys[keys.length - 1];
      if (expectKey && top) {
        const key = text.slice(i + 1, end);
        if (top.has(key)) lossy = true;
        else top.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      keys.push(c === 123 ? new Set() : null);
      expectKey = c === 123;
      if (keys.length > depth) depth = keys.length;
      if (depth > maxDepth) return { depth, lossy };
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      keys.pop();
      expectKey = false;
    } else if (c === 44 /* , */) {
      expectKey = keys[keys.length - 1] != null;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < text.length && NUMBER_CHAR.test(text[j]!)) j++;
      if (!lossy && isLossyNumber(text.slice(i, j))) lossy = true;
      i = j - 1;
    }
  }
  return { depth, lossy };
}

/** The deepest nesting of arrays/objects in JSON text (strings are skipped). */
export function jsonDepth(text: string): number {
  return scanJson(text, Number.MAX_SAFE_INTEGER).depth;
}

export interface ParsedBody {
  payload: unknown;
  /** See JsonScan.lossy. */
  lossy: boolean;
}

export function parseJsonBody(body: Buffer, maxDepth: number): ParsedBody {
  const text = body.toString("utf8");
  if (!text.trim()) throw new AppError("BAD_REQUEST", "body is empty; expected JSON");
  const scan = scanJson(text, maxDepth);
  if (scan.depth > maxDepth) throw new AppError("BAD_REQUEST", `body nests more than ${maxDepth} levels deep; the limit is ${maxDepth}`);
  try {
    // Object keys like "__proto__" become own properties under JSON.parse; they never touch prototypes.
    return { payload: JSON.parse(text), lossy: scan.lossy };
  } catch (e) {
    throw new AppError("BAD_REQUEST", `body is not valid JSON: ${(e as Error).message}`);
  }
}
