// PAN-OS transport against the fake XML API: tags registered with a timeout feed the dynamic
// address group, unregistering removes them, and XML API errors become actionable messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient } from "@/server/integrations/http/client";
import { parseIpTarget } from "@/server/integrations/network/ip-target";
import { PanosClient } from "@/server/integrations/panos/client";
import { startPanosFake, type PanosFake } from "../fakes/panos";

let fake: PanosFake;
const client = (key: string) => new PanosClient({ http: createHttpClient({ baseUrl: fake.url, allowPrivateNetwork: true, retries: 0, headers: { "X-PAN-KEY": key } }) });

beforeAll(async () => {
  fake = await startPanosFake();
});
afterAll(async () => {
  await fake?.stop();
});

describe("PAN-OS XML API client", () => {
  it("registers a timed tag on an IP and lists it, without a commit", async () => {
    await client(fake.apiKey).registerTag(parseIpTarget("198.51.100.23"), "vigil-block", 3600);
    expect(fake.tagsOf("198.51.100.23")).toEqual(["vigil-block"]);
    expect(await client(fake.apiKey).listTagged("vigil-block")).toEqual([{ ip: "198.51.100.23", tags: ["vigil-block"] }]);
    const sent = fake.requests.at(-2)!.body as Record<string, string>;
    expect(sent.type).toBe("user-id");
    expect(sent.cmd).toContain('<member timeout="3600">vigil-block</member>');
    expect(fake.requests.some((r) => (r.body as Record<string, string>).type === "commit")).toBe(false);
  });

  it("unregisters the tag", async () => {
    await client(fake.apiKey).unregisterTag(parseIpTarget("198.51.100.23"), "vigil-block");
    expect(fake.tagsOf("198.51.100.23")).toEqual([]);
  });

  it("escapes tag names so they cannot inject XML", async () => {
    await client(fake.apiKey).registerTag(parseIpTarget("198.51.100.24"), 'a"><x/>', 60);
    expect(fake.tagsOf("198.51.100.24")).toEqual(['a"><x/>']);
  });

  it("explains a refused key", async () => {
    await expect(client("wrong").listTagged("vigil-block")).rejects.toThrow(/PAN-OS refused the API key \(403\)/);
  });
});
