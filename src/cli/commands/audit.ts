// `vigil audit export`: the audit trail as JSON lines, to a file or stdout, for a SIEM.
import fs from "node:fs";
import { finished } from "node:stream/promises";
import { writeAuditExport } from "../../server/audit/export";
import { withDb } from "./admin";

function parseDate(value: string | undefined, option: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${option} must be a date or time such as 2026-01-31 or 2026-01-31T08:00:00Z (got "${value}")`);
  return date;
}

/** Opens a file that must not exist yet (an export never overwrites an earlier one). */
function openNewFile(file: string): number {
  try {
    return fs.openSync(file, "wx", 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new Error(`--out ${file} already exists; choose a new file name`);
    throw e;
  }
}

export async function auditExportCommand(opts: { since?: string; until?: string; out?: string }): Promise<void> {
  const since = parseDate(opts.since, "--since");
  const until = parseDate(opts.until, "--until");
  const out = opts.out ? fs.createWriteStream("", { fd: openNewFile(opts.out) }) : process.stdout;
  const rows = await withDb((db) => writeAuditExport(db, out, { since, until }));
  if (out !== process.stdout) {
    out.end();
    await finished(out);
  }
  console.error(`exported ${rows} audit row(s)${opts.out ? ` to ${opts.out}` : ""}`);
}
