// Fake Slack incoming webhook: https://api.slack.com/messaging/webhooks (POST JSON with `text`
// and optional `blocks` to https://hooks.slack.com/services/T../B../secret). Answers 200 "ok";
// errors are plain-text codes per "Handling errors" on that page: 400 invalid_payload /
// no_text, 403 action_prohibited, 404 no_service (unknown or revoked URL), 410 channel_is_archived.
import { startFakeServer, text, type FakeServer } from "./http-fake";

export interface SlackFake extends FakeServer {
  /** A webhook URL this fake accepts. */
  webhookUrl: string;
  /** Payloads received on the accepted URL. */
  messages: Array<{ text: string; blocks?: unknown[] }>;
}

export async function startSlackFake(options: { archived?: boolean } = {}): Promise<SlackFake> {
  const path = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
  const messages: SlackFake["messages"] = [];
  const server = await startFakeServer({
    routes: [
      [
        "POST",
        "/services/:team/:bot/:secret",
        (req) => {
          if (req.path !== path) return text(404, "no_service");
          if (options.archived) return text(410, "channel_is_archived");
          const payload = req.body as { text?: unknown; blocks?: unknown[] } | string | undefined;
          if (typeof payload !== "object" || payload === null) return text(400, "invalid_payload");
          if (typeof payload.text !== "string" || payload.text.length === 0) return text(400, "no_text");
          messages.push({ text: payload.text, blocks: payload.blocks });
          return text(200, "ok", "text/html");
        },
      ],
    ],
    authorize: () => null, // the URL is the credential
    notFound: () => text(404, "no_service"),
  });
  return { ...server, webhookUrl: `${server.url}${path}`, messages };
}
