// Which shipped playbooks every vendor fixture starts: each fixture is parsed by its vendor's
// parser and matched against the real registry, so a parser change that moves an alert into or
// out of a destructive playbook shows up here. Routine alerts (a single failed sign-in, a low
// offense, recon) must start none of the containment playbooks.
import { describe, expect, it } from "vitest";
import { triggerMatches } from "@/server/engine/triggers";
import { PLAYBOOKS } from "@playbooks/index";
import { fixtureAlerts, GENERIC_PHISHING_REPORT, listAlertFixtures, triggerAlertOf } from "../../helpers/alert-fixtures";

const SHIPPED = ["brute-force", "suspicious-sign-in", "malware-on-host", "phishing-reported", "c2-beacon"];

/** Per fixture, the shipped playbooks each of its alerts starts (one entry per alert, in order). */
const EXPECTED: Record<string, string[][]> = {
  "cef/firewall-wrapped.json": [["brute-force"]],
  "cef/ids-lines.cef": [[], [], []],
  "chronicle/rule-detection.json": [["c2-beacon"]],
  "crowdstrike/credential-dumping.json": [[]],
  "crowdstrike/ransomware-detection.json": [["malware-on-host"]],
  "datadog/security-signal.json": [["brute-force"]],
  "defender/alert-malware.json": [["malware-on-host"]],
  "defender/page-phishing.json": [["phishing-reported"]],
  "elastic/single-nested.json": [[]],
  "elastic/summary-flattened.json": [["brute-force"]],
  "guardduty/iam-credential-exfiltration.json": [[]], // an IAM role, not an identity-provider account
  "guardduty/ssh-brute-force.json": [["brute-force"]],
  "okta/event-hook-batch.json": [[], [], ["suspicious-sign-in"]], // failed sign-in, MFA removal, impossible travel
  "qradar/offense-list.json": [[], []], // recon; a low "malware host" offense
  "qradar/offense.json": [["brute-force"]],
  "sentinel/incident-resource.json": [["phishing-reported"]],
  "sentinel/incident-trigger.json": [["brute-force"]],
  "sigma/zircolite-detections.json": [[], ["c2-beacon"]], // failed logons are routine
  "splunk/search-name-null.json": [[]],
  "splunk/vpn-brute-force.json": [["brute-force"]],
  "suricata/http-trojan.json": [[]], // network-only malware alert: no host to act on
  "suricata/tls-c2.json": [["c2-beacon"]],
  "wazuh/shuffle-wrapped.json": [["brute-force"]],
  "wazuh/sshd-brute-force.json": [["brute-force"]],
  "wazuh/virustotal-malicious.json": [["malware-on-host"]],
  "wazuh/windows-logon-failure.json": [[]],
  [GENERIC_PHISHING_REPORT]: [["phishing-reported"]],
};

const shipped = PLAYBOOKS.filter((p) => SHIPPED.includes(p.id));

function started(name: string): string[][] {
  return fixtureAlerts(name).map((alert) => shipped.filter((p) => triggerMatches(p.trigger, triggerAlertOf(alert))).map((p) => p.id));
}

describe("shipped playbook triggers", () => {
  it("are all registered", () => {
    expect(shipped.map((p) => p.id).sort()).toEqual([...SHIPPED].sort());
  });

  it("the table covers every vendor fixture", () => {
    const parsable = listAlertFixtures().filter((name) => name !== "okta/routine-batch.json"); // nothing security-relevant: refused at intake
    expect(Object.keys(EXPECTED).filter((n) => n !== GENERIC_PHISHING_REPORT).sort()).toEqual(parsable);
  });

  it.each(Object.entries(EXPECTED))("%s starts %j", (name, expected) => {
    expect(started(name)).toEqual(expected);
  });

  const ROUTINE: [string, number][] = [
    ["okta/event-hook-batch.json", 0], // one failed Okta sign-in
    ["wazuh/windows-logon-failure.json", 0],
    ["sigma/zircolite-detections.json", 0],
    ["qradar/offense-list.json", 1], // low-severity "outbound traffic to a malware host"
    ["splunk/search-name-null.json", 0],
  ];
  it.each(ROUTINE)("routine alert %s #%i starts no containment playbook", (name, index) => {
    expect(started(name)[index]).toEqual([]);
  });
});
