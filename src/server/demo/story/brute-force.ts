// Brute force: 57 failed VPN logins for alice (Splunk) and SSH guessing on the bastion (Wazuh),
// both from the same attacker IP.
import { DEMO_CAST, minutesBefore, iso, unix, type DemoAlert, type StoryClock } from "./cast";

export function bruteForce({ now, runTag }: StoryClock): DemoAlert[] {
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
