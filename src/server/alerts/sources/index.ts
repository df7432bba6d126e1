// Registry of vendor parsers: one import and one entry per vendor. For kind "auto" the first
// parser whose detect() accepts the payload wins, so detectors must be specific to their vendor.
import type { SourceParser } from "../types";
import { chronicleParser } from "./chronicle";
import { crowdstrikeParser } from "./crowdstrike";
import { defenderParser } from "./defender";
import { elasticParser } from "./elastic";
import { genericParser } from "./generic";
import { sentinelParser } from "./sentinel";
import { splunkParser } from "./splunk";
import { suricataParser } from "./suricata";
import { wazuhParser } from "./wazuh";

export const SOURCE_PARSERS: readonly SourceParser[] = [
  genericParser,
  splunkParser,
  elasticParser,
  sentinelParser,
  defenderParser,
  chronicleParser,
  wazuhParser,
  suricataParser,
  crowdstrikeParser,
];

export function parserFor(kind: string): SourceParser | undefined {
  return SOURCE_PARSERS.find((p) => p.kind === kind);
}
