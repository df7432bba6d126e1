// The demo story: a morning at Acme, told as the vendor payloads the five shipped playbooks answer,
// one file per scenario under story/. Timestamps are fresh (minutes before `now`) and ids carry a
// per-run tag, so each run sends new alerts rather than duplicates.
import { bruteForce } from "./story/brute-force";
import { c2Beacon } from "./story/c2-beacon";
import type { DemoAlert, StoryClock } from "./story/cast";
import { malwareOnHost } from "./story/malware-on-host";
import { phishingReported } from "./story/phishing-reported";
import { suspiciousSignIn } from "./story/suspicious-sign-in";

export { DEMO_CAST, DEMO_SCENARIOS, type DemoAlert, type DemoScenario } from "./story/cast";

/** Every demo alert of one run, in story order (brute force first, the C2 beacon last). */
export function demoAlerts(clock: StoryClock): DemoAlert[] {
  return [bruteForce, suspiciousSignIn, malwareOnHost, phishingReported, c2Beacon].flatMap((scenario) => scenario(clock));
}
