// Slack incoming webhooks: one POST of JSON {text, blocks} per message. The webhook URL is the
// credential (sealed in the connection's secret). Errors come back as plain-text codes.
// Docs: https://api.slack.com/messaging/webhooks (and its "Handling errors" section)
import { IntegrationError } from "../errors";
import { HttpError, type HttpClient } from "../http/client";

export interface SlackMessage {
  /** Fallback text shown in notifications; mrkdwn. */
  text: string;
  /** Optional Block Kit blocks. */
  blocks?: unknown[];
}

const MEANING: Record<string, string> = {
  invalid_payload: "Slack could not read the message",
  no_text: "the message had no text",
  action_prohibited: "an admin restricted this webhook",
  no_service: "the webhook URL is unknown or was revoked; create a new incoming webhook",
  channel_not_found: "the webhook's channel no longer exists",
  channel_is_archived: "the webhook's channel is archived",
};

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export class SlackWebhookClient {
  /** `http` is bound to the webhook URL's origin; `path` is its path (/services/T../B../..). */
  constructor(
    private readonly http: HttpClient,
    private readonly path: string,
  ) {}

  async post(message: SlackMessage): Promise<void> {
    try {
      await this.http.post(this.path, { json: { text: message.text.slice(0, 40_000), ...(message.blocks ? { blocks: message.blocks } : {}) }, headers: { accept: "text/plain" } });
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const code = typeof e.body === "string" ? e.body.trim() : "";
      throw new IntegrationError(`Slack webhook answered ${e.status} ${code}${MEANING[code] ? `: ${MEANING[code]}` : ""}`, { status: e.status, code });
    }
  }
}
