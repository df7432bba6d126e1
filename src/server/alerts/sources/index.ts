// Registry of vendor parsers: one import and one entry per vendor. For kind "auto" the first
// parser whose detect() accepts the payload wins, so detectors must be specific to their vendor.
// Keep cef (any {"message": "CEF:..."} wrapper) and generic (no detect) after the vendors.
import type { SourceParser } from "../types";
import { cefParser } from "./cef";
import { chronicleParser } from "./chronicle";
import { crowdstrikeParser } from "./crowdstrike";
import { datadogParser } from "./datadog";
import { defenderParser } from "./defender";
import { elasticParser } from "./elastic";
import { genericParser } from "./generic";
import { guardDutyParser } from "./guardduty";
import { oktaParser } from "./okta";
import { qradarParser } from "./qradar";
import { sentinelParser } from "./sentinel";
import { sigmaParser } from "./sigma";
import { splunkParser } from "./splunk";
import { suricataParser } from "./suricata";
import { wazuhParser } from "./wazuh";

export const SOURCE_PARSERS: readonly SourceParser[] = [
  splunkParser,
  elasticParser,
  sentinelParser,
  defenderParser,
  chronicleParser,
  wazuhParser,
  suricataParser,
  crowdstrikeParser,
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
