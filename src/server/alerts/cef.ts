// ArcSight Common Event Format (CEF) lines: header, extension and time fields.
//   [syslog prefix] CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension
// Header fields escape "|" and "\" with a backslash; extension values escape "=", "\", and write
// newlines as \n and \r. Extension keys are single tokens; a value runs until the next " key=".
import { asDate, quote } from "./paths";
import { ParseError } from "./types";

export interface CefRecord {
  version: number;
  deviceVendor: string;
  deviceProduct: string;
  deviceVersion: string;
  signatureId: string;
  name: string;
  severity: string;
  /** Extension fields, unescaped. A null-prototype object: keys like "__proto__" stay plain keys. */
  extensions: Record<string, string>;
}

const HEADER_NAMES = ["Device Vendor", "Device Product", "Device Version", "Signature ID", "Name", "Severity"];
const CEF_START = /(?:^|\s)CEF:(\d+)\|/;
/** A whole header: "CEF:0" then six "|field"s (escapes allowed) and the "|" before the extension. */
const CEF_HEADER = /(?:^|\s)CEF:\d+(?:\|(?:[^|\\\r\n]|\\.)*){6}\|/;

/** Whether the text holds a complete CEF header (at line start or after a syslog prefix). */
export function looksLikeCef(text: unknown): text is string {
  return typeof text === "string" && CEF_HEADER.test(text.slice(0, 8192));
}

/** The lines of a text that carry CEF records, with their 1-based line numbers. */
export function cefLines(text: string): { line: string; number: number }[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => CEF_START.test(line));
}

/** Splits the header on unescaped pipes; returns the 7 header fields (unescaped) and the extension text. */
function splitHeader(text: string): { fields: string[]; extension: string } {
  const fields: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && (text[i + 1] === "|" || text[i + 1] === "\\")) {
      current += text[i + 1];
      i++;
    } else if (c === "|") {
      fields.push(current);
      current = "";
      if (fields.length === 7) return { fields, extension: text.slice(i + 1) };
    } else current += c;
  }
  throw new ParseError(
    `CEF header: found ${fields.length} of 7 "|"-separated fields; expected CEF:Version|${HEADER_NAMES.join("|")}|Extension`,
  );
}

function unescapeValue(value: string): string {
  return value.replace(/\\([\\=nr|])/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c));
}

/** Parses "k1=v1 k2=value with spaces k3=a\=b" into a null-prototype record. */
export function parseCefExtension(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const keys = [...text.matchAll(/(?:^|\s)([A-Za-z0-9_.[\]-]+)=/g)];
  keys.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const next = keys[i + 1];
    const end = next ? next.index! : text.length;
    out[m[1]!] = unescapeValue(text.slice(start, end).replace(/[ \t]+$/, ""));
  });
  return out;
}

/** Parses one CEF line; a ParseError names the header field that is wrong. */
export function parseCefLine(line: string): CefRecord {
  const start = CEF_START.exec(line);
  if (!start) throw new ParseError('CEF: no "CEF:<version>|" header found');
  const begin = start.index + start[0].indexOf("CEF:");
  const { fields, extension } = splitHeader(line.slice(begin));
  const version = Number(fields[0]!.slice(4));
  const [deviceVendor, deviceProduct, deviceVersion, signatureId, name, severity] = fields.slice(1).map((f) => f.trim());
  return {
    version,
    deviceVendor: deviceVendor!,
    deviceProduct: deviceProduct!,
    deviceVersion: deviceVersion!,
    signatureId: signatureId!,
    name: name!,
    severity: severity!,
    extensions: parseCefExtension(extension.trim()),
  };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const CEF_DATE = /^([A-Za-z]{3}) +(\d{1,2}) +(?:(\d{4}) +)?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?: +(\S+))?$/;

/** Minutes east of UTC for "UTC", "GMT", "Z", "+0200", "-05:00", "GMT+02:00"; undefined when unknown. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (!zone || /^(?:utc|gmt|z)$/i.test(zone)) return 0;
  const m = /^(?:utc|gmt)?([+-])(\d{2}):?(\d{2})$/i.exec(zone);
  if (!m) return undefined;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * A CEF time value: epoch milliseconds, "MMM dd [yyyy] HH:mm:ss[.SSS] [zone]" (UTC when no zone; the
 * year of `reference` when no year), or ISO 8601. A ParseError names the field when it cannot be read.
 */
export function parseCefTime(value: string, field: string, reference: Date): Date {
  const v = value.trim();
  if (/^\d{9,}$/.test(v)) return new Date(Number(v));
  const m = CEF_DATE.exec(v);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase());
    const offset = zoneOffset(m[8]);
    if (month < 0) throw new ParseError(`CEF ${field}: ${quote(v)} has an unknown month`);
    if (offset === undefined)
      throw new ParseError(`CEF ${field}: time zone ${quote(m[8])} is not supported; send UTC, an offset like +0200, or epoch milliseconds`);
    const year = m[3] ? Number(m[3]) : reference.getUTCFullYear();
    const ms = Date.UTC(year, month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), Number((m[7] ?? "0").padEnd(3, "0")));
    const date = new Date(ms - offset * 60_000);
    // A year-less date in the "future" is from last December, seen in January.
    if (!m[3] && date.getTime() - reference.getTime() > 86_400_000) date.setUTCFullYear(year - 1);
    return date;
  }
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v) ? asDate(v) : undefined;
  if (iso) return iso;
  throw new ParseError(`CEF ${field}: ${quote(v)} is not a time (epoch milliseconds or "MMM dd yyyy HH:mm:ss")`);
}
