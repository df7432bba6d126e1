// `vigil migrate`, `vigil admin create`, `vigil audit verify`: operator commands.
import { createDb, type Db } from "../../server/db/client";
import { createUser } from "../../server/auth/users";
import { generatePassword } from "../../server/auth/users";
import { verifyAuditChain } from "../../server/audit/verify";
import { resolveDatabase } from "../database";
import { prepareDatabase } from "./start";

export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const { url, embedded } = await resolveDatabase(() => undefined);
  const db = createDb(url, { max: 2, applicationName: "vigil-cli" });
  try {
    return await fn(db);
  } finally {
    await db.$client.end();
    await embedded?.stop();
  }
}

export async function migrateCommand(): Promise<void> {
  const { url, embedded } = await resolveDatabase();
  try {
    await prepareDatabase(url);
    console.log("vigil: database is up to date");
  } finally {
    await embedded?.stop();
  }
}

export async function adminCreateCommand(opts: { email: string; name?: string; role: string; password?: string }): Promise<void> {
  const password = opts.password ?? generatePassword();
  const user = await withDb((db) =>
    db.transaction((tx) => createUser(tx, "cli", { email: opts.email, name: opts.name ?? opts.email, role: opts.role as "admin", password })),
  );
  console.log(`created ${user.role} ${user.email}${opts.password ? "" : `\npassword (shown once): ${password}`}`);
}

export async function auditVerifyCommand(): Promise<void> {
  const result = await withDb((db) => verifyAuditChain(db));
  if (result.ok) {
    console.log(`audit chain OK: ${result.rows} rows, last hash ${result.lastHash}`);
  } else {
    console.error(`audit chain BROKEN at row ${result.brokenAt}: ${result.reason} (${result.rows} rows checked)`);
    process.exitCode = 1;
  }
}
