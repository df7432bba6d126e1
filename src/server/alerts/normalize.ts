// Turns a parsed webhook body into NormalizedAlerts with the source's parser, validating the result.
import { parserFor, SOURCE_PARSERS } from "./sources";
import { normalizedAlertSchema, ParseError, type NormalizedAlert, type ParseOptions } from "./types";

/** The parser for a source kind; "auto" picks the first parser whose detect() accepts the payload. */
export function resolveParser(kind: string, payload: unknown) {
  if (kind === "auto") {
    const found = SOURCE_PARSERS.find((p) => p.detect?.(payload));
    return found ?? parserFor("generic")!;
  }
  const parser = parserFor(kind);
  if (!parser) throw new ParseError(`source kind "${kind}" has no parser`);
  return parser;
}

export function normalizeAlerts(kind: string, payload: unknown, options: ParseOptions): NormalizedAlert[] {
  const parser = resolveParser(kind, payload);
  const alerts = parser.parse(payload, options);
  if (alerts.length === 0) throw new ParseError(`${parser.label}: the payload holds no alert`);
  return alerts.map((a, i) => {
    const result = normalizedAlertSchema.safeParse(a);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new ParseError(`${parser.label} alert ${i}: ${issue.path.join(".")}: ${issue.message}`);
    }
    return result.data;
  });
}
