// `vigil alert parse <file> [--kind K] [--mapping F] [--raw]`: shows what Vigil makes of a vendor
// payload, without a database. Prints the NormalizedAlerts as a JSON array on stdout; says which
// parser it used on stderr; exits 1 with a message naming the field when the payload cannot be read.
import { readFileSync } from "node:fs";
import { isIrrelevantPayload } from "../../server/alerts/irrelevant";
import { normalizeAlerts, resolveParser } from "../../server/alerts/normalize";
import { SOURCE_PARSERS } from "../../server/alerts/sources";
import { ParseError, type NormalizedAlert } from "../../server/alerts/types";

export class CliError extends Error {
  override name = "CliError";
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** JSON when the file is JSON; otherwise the text itself (CEF lines are text). */
export function readPayload(text: string, kind: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) throw new CliError("the file is empty");
  try {
    return JSON.parse(trimmed);
  } catch (e) {
    if (kind === "cef" || kind === "auto") return trimmed;
    throw new CliError(`the file is not JSON (${(e as Error).message}); a ${kind} source expects JSON`);
  }
}

function readMapping(file: string | undefined): Record<string, unknown> | null {
  if (!file) return null;
  try {
    return JSON.parse(readText(file, "mapping file")) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`mapping file ${file} is not JSON: ${(e as Error).message}`);
  }
}

export function parseAlertFile(file: string, opts: { kind: string; mapping?: string }) {
  const kinds = ["auto", ...SOURCE_PARSERS.map((p) => p.kind)];
  if (!kinds.includes(opts.kind)) throw new CliError(`--kind ${opts.kind} is not one of ${kinds.join(", ")}`);
  const payload = readPayload(readText(file, "alert file"), opts.kind);
  const mapping = readMapping(opts.mapping);
  const parser = resolveParser(opts.kind, payload);
  try {
    return { parser, alerts: normalizeAlerts(parser.kind, payload, { receivedAt: new Date(), mapping }) };
  } catch (e) {
    if (!(e instanceof ParseError) || isIrrelevantPayload(e)) throw e;
    const guess = opts.kind === "auto" && parser.kind === "generic" ? "no vendor parser recognised this payload, and as generic JSON: " : "";
    throw new CliError(`cannot parse ${file} as ${parser.label}: ${guess}${e.message}`);
  }
}

export function alertParseCommand(file: string, opts: { kind: string; mapping?: string; raw?: boolean }): void {
  let result: ReturnType<typeof parseAlertFile>;
  try {
    result = parseAlertFile(file, opts);
  } catch (e) {
    if (!isIrrelevantPayload(e)) throw e;
    console.error(`vigil: ${e.message}`);
    console.log("[]");
    return;
  }
  const { parser, alerts } = result;
  const shown = alerts.map(({ raw, ...rest }): Partial<NormalizedAlert> => (opts.raw ? { ...rest, raw } : rest));
  console.error(`parsed as ${parser.label} (kind ${parser.kind}): ${alerts.length} alert(s)`);
  console.log(JSON.stringify(shown, null, 2));
}
