// Registry of vendor parsers: one import and one entry per vendor. For kind "auto" the first parser
// whose detect() accepts the payload wins, so detect() must be specific to its vendor's shape.
// Keep cef (any {"message": "CEF:..."} wrapper) and generic (no detect) after the vendors.
import type { SourceParser } from "../types";
import { cefParser } from "./cef";
import { datadogParser } from "./datadog";
import { genericParser } from "./generic";
import { guardDutyParser } from "./guardduty";
import { oktaParser } from "./okta";
import { qradarParser } from "./qradar";
import { sigmaParser } from "./sigma";

export const SOURCE_PARSERS: readonly SourceParser[] = [
  guardDutyParser,
  oktaParser,
  datadogParser,
  qradarParser,
  sigmaParser,
  cefParser,
  genericParser,
];

export function parserFor(kind: string): SourceParser | undefined {
  return SOURCE_PARSERS.find((p) => p.kind === kind);
}
