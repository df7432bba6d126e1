// The manual-run form: fields from a playbook's zod input schema (via z.toJSONSchema, as the
// server sends it) and typed input back from the form's strings.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldsFromSchema, initialValues, valuesToInput } from "@/lib/json-schema-form";

const schema = z.toJSONSchema(
  z.object({
    user: z.string().describe("Account to lock"),
    hours: z.number().int().default(24),
    mode: z.enum(["lock", "reset"]),
    notify: z.boolean().default(true),
    ips: z.array(z.string()).optional(),
    extra: z.object({ a: z.number() }).optional(),
  }),
  { unrepresentable: "any" },
);

describe("fieldsFromSchema", () => {
  it("describes each property with its kind, requiredness and hints", () => {
    const fields = fieldsFromSchema(schema);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ["user", "text", true],
      ["hours", "integer", true],
      ["mode", "enum", true],
      ["notify", "boolean", true],
      ["ips", "list", false],
      ["extra", "json", false],
    ]);
    expect(fields[0]).toMatchObject({ label: "User", description: "Account to lock" });
    expect(fields[2]!.options).toEqual(["lock", "reset"]);
    expect(initialValues(fields)).toMatchObject({ user: "", hours: "24", notify: true, ips: "" });
  });

  it("labels names in words, with acronyms in capitals", () => {
    const labels = fieldsFromSchema(z.toJSONSchema(z.object({ src_ip: z.string(), userId: z.string(), ip: z.string(), shipTo: z.string() }))).map((f) => f.label);
    expect(labels).toEqual(["Src IP", "User ID", "IP", "Ship To"]);
  });

  it("has no fields for a schema-less playbook", () => {
    expect(fieldsFromSchema(null)).toEqual([]);
  });
});

describe("valuesToInput", () => {
  const fields = fieldsFromSchema(schema);

  it("converts strings to the declared types", () => {
    const r = valuesToInput(fields, { user: " alice ", hours: "12", mode: "lock", notify: false, ips: "198.51.100.1, 198.51.100.2\n203.0.113.9", extra: '{"a":1}' });
    expect(r).toEqual({ ok: true, input: { user: "alice", hours: 12, mode: "lock", notify: false, ips: ["198.51.100.1", "198.51.100.2", "203.0.113.9"], extra: { a: 1 } } });
  });

  it("names every field that is missing or malformed", () => {
    const r = valuesToInput(fields, { user: "", hours: "1.5", mode: "nuke", notify: true, extra: "{nope" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({
      user: "User is required",
      hours: "Hours must be a whole number",
      mode: "Mode must be one of lock, reset",
      extra: "Extra must be valid JSON",
    });
  });

  it("leaves out empty optional fields", () => {
    const r = valuesToInput(fields, { user: "bob", hours: "1", mode: "reset", notify: false, ips: "  ", extra: "" });
    expect(r).toEqual({ ok: true, input: { user: "bob", hours: 1, mode: "reset", notify: false } });
  });
});
