// Registry of vendor parsers: one import and one entry per vendor.
import type { SourceParser } from "../types";
import { genericParser } from "./generic";

export const SOURCE_PARSERS: readonly SourceParser[] = [genericParser];

export function parserFor(kind: string): SourceParser | undefined {
  return SOURCE_PARSERS.find((p) => p.kind === kind);
}
