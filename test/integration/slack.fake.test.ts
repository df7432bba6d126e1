// Slack incoming-webhook transport against the fake: the message arrives as JSON text/blocks, and
// Slack's plain-text error codes are explained.
import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "@/server/integrations/http/client";
import { SlackWebhookClient, slackEscape } from "@/server/integrations/slack/client";
import { startSlackFake, type SlackFake } from "../fakes/slack";

let fake: SlackFake;
const client = (url: string) => {
  const u = new URL(url);
  return new SlackWebhookClient(createHttpClient({ baseUrl: u.origin, allowPrivateNetwork: true, retries: 0 }), u.pathname);
};

afterEach(async () => {
  await fake?.stop();
});

describe("Slack webhook client", () => {
  it("posts the message", async () => {
    fake = await startSlackFake();
    await client(fake.webhookUrl).post({ text: `Approval needed: ${slackEscape("block <198.51.100.23> & more")}` });
    expect(fake.messages).toEqual([{ text: "Approval needed: block &lt;198.51.100.23&gt; &amp; more", blocks: undefined }]);
  });

  it("explains Slack's error codes", async () => {
    fake = await startSlackFake({ archived: true });
    await expect(client(fake.webhookUrl).post({ text: "x" })).rejects.toThrow(/410 channel_is_archived: the webhook's channel is archived/);
    await expect(client(`${fake.url}/services/T0/B0/revoked`).post({ text: "x" })).rejects.toThrow(/404 no_service: the webhook URL is unknown or was revoked/);
  });
});
