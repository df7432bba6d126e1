// Suricata EVE JSON alert records (common section, alert object with signature_id/severity, http,
// tls, fileinfo): https://docs.suricata.io/en/latest/output/eve/eve-json-format.html
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { suricataParser } from "@/server/alerts/sources/suricata";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/suricata/${name}`, "utf8"));
const receivedAt = new Date("2025-11-23T16:00:00Z");

describe("suricata parser", () => {
  it("normalizes an HTTP alert: severity 1 is high, the URL is rebuilt from host and path", () => {
    const [alert] = suricataParser.parse(fixture("http-trojan.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "ET MALWARE Win32/AgentTesla Exfil via HTTP POST",
      severity: "high",
      category: "malware",
      description: "A Network Trojan was detected (sid 1:2027896:3, action allowed)",
      externalId: null, // EVE has no alert id: intake dedups on the content fingerprint
      vendor: "suricata",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T13:22:31.548Z");
    expect(alert!.observables).toEqual([
      { type: "ip", value: "10.10.5.23", role: "src" },
      { type: "ip", value: "203.0.113.150", role: "dst" },
      { type: "domain", value: "panel.drop-zone.example", role: "dst" },
      { type: "url", value: "http://panel.drop-zone.example:8080/gate.php?id=7f3a", role: "dst" },
      { type: "md5", value: "0cc175b9c0f1b6a831c399e269772661" },
      { type: "sha256", value: "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb" },
    ]);
  });

  it("normalizes a TLS alert over IPv6 with its SNI", () => {
    const [alert] = suricataParser.parse(fixture("tls-c2.json"), { receivedAt });
    expect(alert).toMatchObject({ title: "ET MALWARE Observed Cobalt Strike Domain in TLS SNI", severity: "medium", category: "c2" });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T15:01:09.000Z");
    expect(alert!.observables).toEqual([
      { type: "ip", value: "2001:db8:10::25", role: "src" },
      { type: "ip", value: "2001:db8:ffff::66", role: "dst" },
      { type: "domain", value: "cdn-static.example", role: "dst" },
    ]);
  });

  it("rejects malformed payloads naming the field", () => {
    const flow = { ...fixture("tls-c2.json"), event_type: "flow" };
    expect(() => suricataParser.parse(flow, { receivedAt })).toThrow(ParseError);
    expect(() => suricataParser.parse(flow, { receivedAt })).toThrow(/^event_type: expected "alert", got "flow"/);
    const noSignature = fixture("tls-c2.json");
    delete noSignature.alert.signature;
    expect(() => suricataParser.parse(noSignature, { receivedAt })).toThrow(/^alert\.signature: missing/);
    expect(() => suricataParser.parse({ event_type: "alert", alert: [] }, { receivedAt })).toThrow(/^alert: expected a JSON object, got an array/);
  });
});
