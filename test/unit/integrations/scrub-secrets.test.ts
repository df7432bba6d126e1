// A connection's credentials leave integration errors: message, stack, string properties, causes.
import { describe, expect, it } from "vitest";
import { scrubConnectionSecrets } from "@/server/integrations/scrub-secrets";

describe("scrubConnectionSecrets", () => {
  it("replaces the exact values and their base64 forms, everywhere in the error", () => {
    const token = "00abcdefTOKEN123";
    const cause = new Error(`upstream said: bad ${Buffer.from(token).toString("base64")}`);
    const error = Object.assign(new Error(`Invalid token provided: SSWS ${token}`, { cause }), { body: `{"token":"${token}"}`, status: 401 });
    scrubConnectionSecrets(error, { secret: { apiToken: token, region: "eu" } });
    expect(error.message).toBe("Invalid token provided: SSWS [redacted]");
    expect(error.stack).not.toContain(token);
    expect(error.body).toBe('{"token":"[redacted]"}');
    expect(cause.message).toBe("upstream said: bad [redacted]");
    expect(error.status).toBe(401);
  });

  it("leaves short values alone, so ordinary words survive", () => {
    const error = new Error("region eu is down");
    scrubConnectionSecrets(error, { secret: { region: "eu" } });
    expect(error.message).toBe("region eu is down");
  });
});
