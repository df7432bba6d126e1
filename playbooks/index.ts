// The playbook registry: one import and one entry per playbook file (the file name is the id).
import alertSummary from "./alert-summary";
import blockAttackerIp from "./block-attacker-ip";
import bruteForce from "./brute-force";
import c2Beacon from "./c2-beacon";
import malwareOnHost from "./malware-on-host";
import phishingReported from "./phishing-reported";
import suspiciousSignIn from "./suspicious-sign-in";

export const PLAYBOOKS = [alertSummary, blockAttackerIp, bruteForce, suspiciousSignIn, malwareOnHost, phishingReported, c2Beacon] as const;
