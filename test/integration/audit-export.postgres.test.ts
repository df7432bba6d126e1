// `vigil audit export` on real Postgres: JSON lines in chain order, read in batches, filtered by
// time, verifiable by the receiving SIEM, written by the real CLI to a new 0600 file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/server/audit/append";
import { writeAuditExport } from "@/server/audit/export";
import { auditHash, GENESIS_HASH } from "@/server/audit/hash";
import { runVigil } from "../helpers/cli";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
let cut: Date;
let dir: string;

const append = (i: number) => t.db.transaction((tx) => appendAudit(tx, { actor: "user:test", action: "case.assign", subject: `case:${i}`, data: { i, token: "hunter2" } }));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await createTestDatabase("auditexp");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-audit-export-"));
  for (let i = 0; i < 12; i++) await append(i);
  await pause(20); // so the rows before and after `cut` never share a millisecond
  cut = new Date();
  await pause(20);
  for (let i = 12; i < 20; i++) await append(i);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

interface Line {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

async function exportLines(opts: Parameters<typeof writeAuditExport>[2]): Promise<{ rows: number; lines: Line[] }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const rows = await writeAuditExport(t.db, out, opts);
  const lines = Buffer.concat(chunks).toString("utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line);
  return { rows, lines };
}

describe("audit export", () => {
  it("writes every row once, in chain order, across batches, and the chain verifies from the lines alone", async () => {
    const { rows, lines } = await exportLines({ batchSize: 7 });
    expect(rows).toBe(20);
    expect(lines.map((l) => l.subject)).toEqual(Array.from({ length: 20 }, (_, i) => `case:${i}`));
    let prev = GENESIS_HASH;
    for (const l of lines) {
      expect(l.prevHash).toBe(prev);
      expect(auditHash(l.prevHash, { ...l, at: new Date(l.at) })).toBe(l.hash);
      prev = l.hash;
    }
    expect(JSON.stringify(lines)).not.toContain("hunter2");
  });

  it("keeps only rows at or after --since and before --until", async () => {
    expect((await exportLines({ since: cut, batchSize: 3 })).lines.map((l) => l.subject)).toEqual(Array.from({ length: 8 }, (_, i) => `case:${i + 12}`));
    expect((await exportLines({ until: cut })).rows).toBe(12);
  });

  it("runs as `vigil audit export --since <date> --out <file>` and never overwrites a file", async () => {
    const file = path.join(dir, "audit.jsonl");
    const cli = (args: string[]) => runVigil(["audit", "export", ...args], { DATABASE_URL: t.url });

    const { stderr } = await cli(["--since", cut.toISOString(), "--out", file]);

    expect(stderr).toContain(`exported 8 audit row(s) to ${file}`);
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Line);
    expect(lines.map((l) => l.subject)).toEqual(Array.from({ length: 8 }, (_, i) => `case:${i + 12}`));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await expect(cli(["--out", file])).rejects.toMatchObject({ stderr: expect.stringContaining("already exists; choose a new file name") });
    await expect(cli(["--since", "last tuesday"])).rejects.toMatchObject({ stderr: expect.stringContaining("--since must be a date") });
  });
});
