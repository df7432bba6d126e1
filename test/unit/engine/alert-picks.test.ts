// pickObservables: observables by type and role, alias forms counted once; settle: a step body
// that reports failure instead of throwing.
import { describe, expect, it } from "vitest";
import { pickObservables, settle } from "@/server/engine";
import { fixtureRunAlert } from "../../helpers/alert-fixtures";

const defender = fixtureRunAlert("defender/alert-malware.json");
const guardduty = fixtureRunAlert("guardduty/ssh-brute-force.json");

describe("pickObservables", () => {
  it("keeps one form per entity (FQDN and short name are aliases)", () => {
    expect(pickObservables(defender, "host")).toEqual(["ws-0107.corp.contoso.com"]);
  });

  it("filters by role, by excluded role and by a predicate", () => {
    expect(pickObservables(defender, "user", { roles: ["logged_on"] })).toEqual(["CONTOSO\\dave"]);
    expect(pickObservables(guardduty, "ip", { notRoles: ["target"] })).toEqual(["198.51.100.23"]);
    expect(pickObservables(guardduty, "ip", { where: (v) => v.startsWith("10.") })).toEqual(["10.0.0.12"]);
    expect(pickObservables(defender, "url", { roles: ["none"] })).toEqual([]);
  });

  it("answers empty without an alert", () => {
    expect(pickObservables(null, "ip")).toEqual([]);
  });
});

describe("settle", () => {
  it("wraps a value or the error's message", async () => {
    await expect(settle(() => 42)).resolves.toEqual({ ok: true, value: 42 });
    await expect(
      settle(async () => {
        throw new Error("no email connection");
      }),
    ).resolves.toEqual({ ok: false, error: "no email connection" });
  });
});
