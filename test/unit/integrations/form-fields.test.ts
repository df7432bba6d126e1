// Connection forms come from the integration's schemas: labels, widgets, defaults, groups.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { withIdentityConfig } from "@/server/integrations/config";
import { formFields } from "@/server/integrations/form-fields";
import { durationMs } from "@/server/integrations/duration";

describe("formFields", () => {
  const config = withIdentityConfig({
    url: z.string().url().meta({ title: "Server URL", description: "ldaps://dc1.corp:636" }),
    flavor: z.enum(["ad", "openldap"]).default("ad"),
    caCert: z.string().optional().meta({ format: "textarea" }),
    startTls: z.boolean().default(false),
  });

  it("describes each field with its widget, requiredness and default", () => {
    const fields = formFields(config);
    expect(fields.find((f) => f.key === "url")).toMatchObject({ label: "Server URL", type: "url", required: true, description: "ldaps://dc1.corp:636" });
    expect(fields.find((f) => f.key === "flavor")).toMatchObject({ type: "select", options: ["ad", "openldap"], default: "ad", required: false });
    expect(fields.find((f) => f.key === "caCert")).toMatchObject({ type: "textarea", label: "Ca Cert" });
    expect(fields.find((f) => f.key === "startTls")).toMatchObject({ type: "boolean", default: false });
    expect(fields.find((f) => f.key === "guardrails.protectedGroups")).toMatchObject({ type: "lines", group: "Guardrails", default: [] });
    expect(fields.find((f) => f.key === "guardrails.maxPerHourPerPlaybook")).toMatchObject({ type: "number", default: 10 });
  });

  it("renders every secret field as a password", () => {
    expect(formFields(z.object({ apiToken: z.string().min(1).meta({ title: "API token" }) }), { secret: true })).toEqual([
      { key: "apiToken", label: "API token", type: "password", required: true, description: undefined, options: undefined, default: undefined, group: undefined },
    ]);
  });
});

describe("durationMs", () => {
  it("reads playbook durations", () => {
    expect(durationMs("90s")).toBe(90_000);
    expect(durationMs("4h")).toBe(14_400_000);
    expect(durationMs(1500)).toBe(1500);
    expect(() => durationMs("soon" as never)).toThrow(/not a duration/);
  });
});
