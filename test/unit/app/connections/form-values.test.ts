// The connection form's mapping between inputs and the config/credentials sent to the server.
import { describe, expect, it } from "vitest";
import { initialValues, toConfig, toSecret } from "@/app/(app)/connections/form-values";
import type { FormField } from "@/server/integrations/form-fields";

const fields: FormField[] = [
  { key: "url", label: "URL", type: "url", required: true },
  { key: "startTls", label: "StartTLS", type: "boolean", required: false, default: false },
  { key: "caCert", label: "CA", type: "textarea", required: false },
  { key: "timeoutMs", label: "Timeout", type: "number", required: false, default: 10000 },
  { key: "guardrails.protectedGroups", label: "Groups", type: "lines", required: false, default: ["Domain Admins"], group: "Guardrails" },
];

describe("connection form values", () => {
  it("starts from the schema defaults, or from the stored config when editing", () => {
    expect(initialValues(fields)).toEqual({ url: "", startTls: false, caCert: "", timeoutMs: "10000", "guardrails.protectedGroups": "Domain Admins" });
    expect(initialValues(fields, { url: "ldaps://dc1:636", startTls: true, guardrails: { protectedGroups: ["A", "B"] } })).toMatchObject({ url: "ldaps://dc1:636", startTls: true, "guardrails.protectedGroups": "A\nB" });
  });

  it("builds the nested config, leaving empty optional inputs out", () => {
    const values = { url: " ldap://dc1 ", startTls: true, caCert: "", timeoutMs: "5000", "guardrails.protectedGroups": "Domain Admins\n\n  Tier0 \n" };
    expect(toConfig(fields, values)).toEqual({ url: "ldap://dc1", startTls: true, timeoutMs: 5000, guardrails: { protectedGroups: ["Domain Admins", "Tier0"] } });
  });

  it("sends only the credentials that were typed", () => {
    const secretFields: FormField[] = [{ key: "bindPassword", label: "Password", type: "password", required: true }];
    expect(toSecret(secretFields, { bindPassword: "" })).toEqual({});
    expect(toSecret(secretFields, { bindPassword: "s3cret" })).toEqual({ bindPassword: "s3cret" });
  });
});
