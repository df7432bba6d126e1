// Slack incoming webhook as a Vigil integration: approval requests are announced in the channel
// (with a link to the approval page); playbooks can post with ctx.integrations.slack.post().
import { z } from "zod";
import { actionsFor, defineIntegration } from "../define";
import { allowPrivateNetworkSchema } from "../config";
import { createHttpClient } from "../http/client";
import { SlackWebhookClient } from "./client";

const action = actionsFor<SlackWebhookClient>();

export default defineIntegration({
  id: "slack",
  title: "Slack (incoming webhook)",
  category: "notification",
  description: "Post messages to a Slack channel through an incoming webhook.",
  config: z.object({ allowPrivateNetwork: allowPrivateNetworkSchema }),
  secret: z.object({
    webhookUrl: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
      .meta({ title: "Webhook URL", description: "https://hooks.slack.com/services/T.../B.../... (it is the credential)." }),
  }),
  connect: ({ config, secret }, ctx) => {
    const url = new URL(secret.webhookUrl);
    return new SlackWebhookClient(createHttpClient({ baseUrl: url.origin, allowPrivateNetwork: config.allowPrivateNetwork, signal: ctx.signal, retries: 2 }), url.pathname);
  },
  // A webhook has no harmless read: the test posts a short message, which also shows where it lands.
  test: async (client) => {
    await client.post({ text: "Vigil connection test: this channel will receive approval requests." });
    return "posted a test message to the channel";
  },
  actions: {
    post: action.read({
      summary: "Post a message (mrkdwn text, optional Block Kit blocks)",
      params: z.object({ text: z.string().min(1).max(40_000), blocks: z.array(z.unknown()).max(50).optional() }),
      run: async (client, p) => {
        await client.post(p);
        return { posted: true };
      },
    }),
  },
});
