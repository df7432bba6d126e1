// MITRE ATT&CK tags as Sigma ("attack.t1110.001", "attack.credential-access") and Datadog
// ("technique:T1110-brute-force", "tactic:TA0006-credential-access") write them. A technique says
// more than a tactic (T1110 is brute force, its tactic only "credential access"), so the technique
// category comes first; tactic names go to resolveCategory with the alert's texts.
import type { Category } from "./categories";

/** Techniques whose category is unambiguous, by ATT&CK id (sub-techniques share their parent's). */
const TECHNIQUES: Readonly<Record<string, Category>> = {
  T1110: "brute_force",
  T1078: "suspicious_login",
  T1566: "phishing", T1598: "phishing",
  T1071: "c2", T1090: "c2", T1095: "c2", T1102: "c2", T1105: "c2", T1132: "c2", T1219: "c2",
  T1568: "c2", T1571: "c2", T1572: "c2", T1573: "c2",
  T1041: "data_exfiltration", T1048: "data_exfiltration", T1567: "data_exfiltration", T1537: "data_exfiltration",
  T1003: "credential_access", T1558: "credential_access", T1555: "credential_access",
  T1068: "privilege_escalation", T1548: "privilege_escalation", T1134: "privilege_escalation",
  T1021: "lateral_movement", T1550: "lateral_movement",
  T1190: "exploit", T1203: "exploit",
  T1046: "recon", T1595: "recon", T1087: "recon", T1018: "recon", T1135: "recon",
  T1486: "malware", T1496: "malware",
};

/** ATT&CK tactic ids (TA0006) to the names categoryFromTactic reads. */
const TACTIC_IDS: Readonly<Record<string, string>> = {
  TA0001: "initial access", TA0002: "execution", TA0003: "persistence", TA0004: "privilege escalation",
  TA0005: "defense evasion", TA0006: "credential access", TA0007: "discovery", TA0008: "lateral movement",
  TA0009: "collection", TA0010: "exfiltration", TA0011: "command and control", TA0040: "impact",
  TA0042: "resource development", TA0043: "reconnaissance",
};

export interface AttackTags {
  /** The category of the first technique tag with an unambiguous one. */
  technique?: Category;
  /** Tactic names, in tag order. */
  tactics: string[];
}

export function readAttackTags(tags: readonly unknown[]): AttackTags {
  const out: AttackTags = { tactics: [] };
  for (const raw of tags) {
    if (typeof raw !== "string") continue;
    const tag = raw.trim();
    const technique = /(?:^|[.:])t(\d{4})(?:\.\d{3})?(?:$|-)/i.exec(tag);
    if (technique) {
      out.technique ??= Object.hasOwn(TECHNIQUES, `T${technique[1]}`) ? TECHNIQUES[`T${technique[1]}`] : undefined;
      continue;
    }
    const tactic = /^tactic:(TA\d{4})/i.exec(tag);
    if (tactic) {
      const name = TACTIC_IDS[tactic[1]!.toUpperCase()];
      if (name) out.tactics.push(name);
    } else if (/^attack\.[a-z_-]+$/i.test(tag)) out.tactics.push(tag.slice("attack.".length));
  }
  return out;
}
