// "Test connection": opens the connection and runs the integration's harmless test call (a bind
// and a base search, GET the token's own user, ...). The outcome is stored on the connection for
// the list, audited, and returned to the admin. Works on disabled connections too.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { connections } from "../db/schema";
import { appendAudit } from "../audit/append";
import { AppError } from "../errors";
import { logger } from "../logger";
import { withClient } from "./invoke";
import { openConnectionRow } from "./open-connection";

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  durationMs: number;
  testedAt: Date;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.message}${typeof code === "string" && !error.message.includes(code) ? ` (${code})` : ""}`;
}

export async function testConnection(db: Db, actor: string, id: string, options: { timeoutMs?: number } = {}): Promise<ConnectionTestResult> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `connection ${id} does not exist`);
  const started = Date.now();
  const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const log = logger().child({ connection: row.name, test: true });
  let ok = false;
  let message: string;
  try {
    const connection = openConnectionRow(row);
    message = await withClient(connection, { signal, log }, (client) => connection.integration.test(client, { signal, log }));
    ok = true;
  } catch (error) {
    message = describeError(error);
  }
  const testedAt = new Date();
  const durationMs = testedAt.getTime() - started;
  await db.transaction(async (tx) => {
    await tx.update(connections).set({ lastTestAt: testedAt, lastTestOk: ok, lastTestMessage: message.slice(0, 1000) }).where(eq(connections.id, id));
    await appendAudit(tx, { actor, action: "connection.test", subject: `connection:${id}`, data: { name: row.name, ok, message: message.slice(0, 1000), durationMs } });
  });
  return { ok, message, durationMs, testedAt };
}
