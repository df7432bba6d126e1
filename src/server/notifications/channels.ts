// Builds the Notifier from the enabled notification connections: email through the first enabled
// email connection (by name), chat to every enabled Slack connection. Connections are opened per
// use (credentials stay sealed at rest) and closed afterwards.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { connections } from "../db/schema";
import type { ActionContext } from "../integrations/define";
import type { EmailClient } from "../integrations/email/client";
import { withClient } from "../integrations/invoke";
import { openConnectionRow, type OpenConnection } from "../integrations/open-connection";
import type { SlackWebhookClient } from "../integrations/slack/client";
import type { Notifier } from "./notifier";

async function enabledOf(db: Db, integration: string): Promise<OpenConnection[]> {
  const rows = await db.select().from(connections).where(eq(connections.integration, integration)).orderBy(asc(connections.name));
  return rows.filter((r) => r.enabled).map(openConnectionRow);
}

export async function notifierFromConnections(db: Db, ctx: ActionContext): Promise<Notifier> {
  const [emailConnection] = await enabledOf(db, "email");
  const slackConnections = await enabledOf(db, "slack");
  return {
    canEmail: !!emailConnection,
    async email(notice) {
      if (!emailConnection) throw new Error("no email connection is enabled; an admin can add one on the connections page");
      await withClient(emailConnection, ctx, (client) => (client as EmailClient).send(notice));
    },
    async chat(text) {
      let posted = 0;
      for (const connection of slackConnections) {
        try {
          await withClient(connection, ctx, (client) => (client as SlackWebhookClient).post({ text }));
          posted++;
        } catch (e) {
          ctx.log.warn({ connection: connection.name, err: (e as Error).message }, "chat notification failed");
        }
      }
      return posted;
    },
  };
}
