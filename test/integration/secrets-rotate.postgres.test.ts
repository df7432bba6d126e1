// `vigil secrets rotate` on real Postgres: every sealed column is known, values move from the old
// key to the new one (in-process and through the real CLI, env and key-file modes), a missing old
// key stops the run before anything changes, and the rotation is audited without the secrets.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { alertSources, auditLog, connections } from "@/server/db/schema";
import { keyId, open, seal } from "@/server/secrets/envelope";
import { rotateSecrets } from "@/server/secrets/rotate";
import { SEALED_COLUMNS } from "@/server/secrets/sealed-columns";
import { runVigil } from "../helpers/cli";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("secrets");
});
afterAll(() => t.drop());
// Each test brings its own keys, so values another test sealed would be "under a lost key".
beforeEach(async () => {
  await t.db.delete(connections).where(sql`true`);
  await t.db.delete(alertSources).where(sql`true`);
});

const newKey = () => randomBytes(32);

/** One source and one connection sealed with `key`; returns their ids and plaintexts. */
async function seedSealed(key: Buffer) {
  const tag = randomBytes(3).toString("hex");
  const [source] = await t.db.insert(alertSources).values({ slug: `rot-${tag}`, name: "rot", secretCiphertext: seal(`vgl_source_${tag}`, key) }).returning();
  const [conn] = await t.db.insert(connections).values({ integration: "ldap", name: `ldap-${tag}`, secretCiphertext: seal(`bind-password-${tag}`, key) }).returning();
  return { sourceId: source!.id, connectionId: conn!.id, sourceSecret: `vgl_source_${tag}`, connectionSecret: `bind-password-${tag}` };
}

async function sealedValues(ids: { sourceId: string; connectionId: string }) {
  const [s] = await t.db.select({ v: alertSources.secretCiphertext }).from(alertSources).where(eq(alertSources.id, ids.sourceId));
  const [c] = await t.db.select({ v: connections.secretCiphertext }).from(connections).where(eq(connections.id, ids.connectionId));
  return { source: s!.v, connection: c!.v! };
}

/** The CLI against this test's database, with only the keys given in `env`. */
function vigil(args: string[], env: Record<string, string>) {
  return runVigil(args, { DATABASE_URL: t.url, ...env }, ["VIGIL_SECRET_KEY", "VIGIL_SECRET_KEY_PREVIOUS"].filter((n) => !(n in env)));
}

describe("sealed columns", () => {
  it("lists every *_ciphertext column in the schema, so rotation misses none", async () => {
    const rows = await t.db.execute<{ name: string }>(
      sql`select table_name || '.' || column_name as name from information_schema.columns where table_schema = 'public' and (column_name like '%ciphertext%' or column_name like '%sealed%') order by 1`,
    );
    expect(rows.rows.map((r) => r.name)).toEqual(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());
  });
});

describe("rotateSecrets", () => {
  it("re-seals old values under the current key, leaves current ones alone, and audits without secrets", async () => {
    const [oldKey, current] = [newKey(), newKey()];
    const old = await seedSealed(oldKey);
    const already = await seedSealed(current);
    const untouched = await sealedValues(already);

    const result = await rotateSecrets(t.db, "cli", { current, previous: [oldKey], source: "env" }, 1);

    expect(result.keyId).toBe(keyId(current));
    const after = await sealedValues(old);
    expect(open(after.source, [current])).toBe(old.sourceSecret);
    expect(open(after.connection, [current])).toBe(old.connectionSecret);
    expect(await sealedValues(already)).toEqual(untouched);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "secrets.rotate"));
    expect(audit).toMatchObject({ actor: "cli", subject: "secrets", data: { keyId: keyId(current) } });
    expect(JSON.stringify(audit)).not.toContain(old.connectionSecret);
  });

  it("refuses to start when an old value's key is not configured, and changes nothing", async () => {
    const [lost, current] = [newKey(), newKey()];
    const ids = await seedSealed(lost);
    const before = await sealedValues(ids);
    await expect(rotateSecrets(t.db, "cli", { current, previous: [], source: "env" })).rejects.toThrow(new RegExp(`sealed with key .*${keyId(lost)}.*not configured`));
    expect(await sealedValues(ids)).toEqual(before);
  });
});

describe("vigil secrets rotate (CLI)", () => {
  it("uses VIGIL_SECRET_KEY with the old key in VIGIL_SECRET_KEY_PREVIOUS", async () => {
    const [oldKey, current] = [newKey(), newKey()];
    const ids = await seedSealed(oldKey);
    const { stdout } = await vigil(["secrets", "rotate"], { VIGIL_SECRET_KEY: current.toString("base64"), VIGIL_SECRET_KEY_PREVIOUS: `${newKey().toString("base64")},${oldKey.toString("base64")}` });
    expect(stdout).toMatch(new RegExp(`re-sealed \\d+ secret\\(s\\) under key ${keyId(current)}`));
    expect(open((await sealedValues(ids)).connection, [current])).toBe(ids.connectionSecret);
  });

  it("with key files, --new-key makes a new key, keeps the old one as previous, and re-seals", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-keys-"));
    try {
      const fileKey = newKey();
      fs.writeFileSync(path.join(dir, "secret.key"), fileKey.toString("base64") + "\n");
      const env = { VIGIL_DATA_DIR: dir };
      const ids = await seedSealed(fileKey);

      const { stdout } = await vigil(["secrets", "rotate", "--new-key"], env);

      const current = Buffer.from(fs.readFileSync(path.join(dir, "secret.key"), "utf8").trim(), "base64");
      expect(keyId(current)).not.toBe(keyId(fileKey));
      expect(fs.readFileSync(path.join(dir, "secret.key.previous"), "utf8").trim().split("\n")).toContain(fileKey.toString("base64"));
      expect(fs.statSync(path.join(dir, "secret.key")).mode & 0o077).toBe(0);
      expect(stdout).toContain(`under key ${keyId(current)}`);
      expect(open((await sealedValues(ids)).source, [current])).toBe(ids.sourceSecret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
