// Suspicious sign-in: bob signs in from Lyon, then 35 minutes later from Sydney on a new device
// (Okta event hook: impossible travel; Sentinel incident: unfamiliar sign-in properties).
import { DEMO_CAST, minutesBefore, iso, type DemoAlert, type StoryClock } from "./cast";

export function suspiciousSignIn({ now, runTag }: StoryClock): DemoAlert[] {
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
