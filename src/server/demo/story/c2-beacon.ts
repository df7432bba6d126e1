// C2 beacon: the workstation talks TLS to the C2 domain (Suricata) and a build runner resolves it
// (GuardDuty DNS finding).
import { DEMO_CAST, minutesBefore, iso, type DemoAlert, type StoryClock } from "./cast";

export function c2Beacon({ now, runTag }: StoryClock): DemoAlert[] {
  const { c2Ip, c2Domain } = DEMO_CAST;
  const eve = {
    timestamp: iso(minutesBefore(now, 3)).replace("Z", "+0000"),
    flow_id: Number.parseInt(runTag, 36) * 1000 + 7,
    event_type: "alert",
    src_ip: "10.7.3.12",
    src_port: 51511,
    dest_ip: c2Ip,
    dest_port: 443,
    proto: "TCP",
    alert: { action: "allowed", gid: 1, signature_id: 2044125, rev: 1, signature: "ET MALWARE Observed Cobalt Strike Domain in TLS SNI", category: "Domain Observed Used for C2 Detected", severity: 1 },
    tls: { subject: `CN=${c2Domain}`, sni: c2Domain, version: "TLS 1.2" },
    app_proto: "tls",
  };
  const finding = {
    version: "0",
    id: `demo-${runTag}-gd`,
    "detail-type": "GuardDuty Finding",
    source: "aws.guardduty",
    account: "111122223333",
    time: iso(minutesBefore(now, 1)),
    region: "eu-west-1",
    resources: [],
    detail: {
      schemaVersion: "2.0",
      accountId: "111122223333",
      region: "eu-west-1",
      id: `demo${runTag}c2dns`,
      arn: `arn:aws:guardduty:eu-west-1:111122223333:detector/demo/finding/demo${runTag}c2dns`,
      type: "Backdoor:EC2/C&CActivity.B!DNS",
      title: `EC2 instance i-0demo0c2 is querying a domain name associated with a known command and control server.`,
      description: `EC2 instance i-0demo0c2 is querying ${c2Domain}, a domain associated with a known command and control server.`,
      severity: 8,
      createdAt: iso(minutesBefore(now, 2)),
      updatedAt: iso(minutesBefore(now, 1)),
      resource: { resourceType: "Instance", instanceDetails: { instanceId: "i-0demo0c2", networkInterfaces: [{ privateIpAddress: "10.0.4.19", privateDnsName: "ip-10-0-4-19.eu-west-1.compute.internal" }], tags: [{ key: "Name", value: "build-runner-3" }] } },
      service: {
        serviceName: "guardduty",
        action: { actionType: "DNS_REQUEST", dnsRequestAction: { domain: c2Domain, protocol: "UDP", blocked: false } },
        resourceRole: "TARGET",
        eventFirstSeen: iso(minutesBefore(now, 4)),
        eventLastSeen: iso(minutesBefore(now, 2)),
        count: 12,
      },
    },
  };
  return [
    { scenario: "c2-beacon", slug: "demo-suricata", payload: eve },
    { scenario: "c2-beacon", slug: "demo-guardduty", payload: finding },
  ];
}
