// Infers an alert category from what vendors tell us: MITRE ATT&CK tags (Sigma "attack.t1110",
// Datadog "technique:T1110-brute-force") first, then keywords in names and categories.
// The words are the shared category vocabulary (brute_force, malware, c2, ...).

const TECHNIQUES: Record<string, string> = {
  T1110: "brute_force",
  T1566: "phishing", T1598: "phishing",
  T1071: "c2", T1090: "c2", T1095: "c2", T1102: "c2", T1105: "c2", T1132: "c2", T1219: "c2",
  T1568: "c2", T1571: "c2", T1572: "c2", T1573: "c2", T1001: "c2", T1008: "c2",
  T1041: "data_exfiltration", T1048: "data_exfiltration", T1567: "data_exfiltration",
  T1020: "data_exfiltration", T1030: "data_exfiltration", T1537: "data_exfiltration",
  T1068: "privilege_escalation", T1548: "privilege_escalation", T1134: "privilege_escalation",
  T1484: "privilege_escalation", T1098: "privilege_escalation",
  T1046: "recon", T1595: "recon", T1590: "recon", T1592: "recon", T1087: "recon", T1018: "recon",
  T1135: "recon", T1069: "recon", T1082: "recon", T1016: "recon", T1049: "recon",
  T1078: "suspicious_login",
  T1204: "malware", T1486: "malware", T1496: "malware",
};

const TACTICS: [RegExp, string][] = [
  [/command_and_control|\bta0011\b/, "c2"],
  [/exfiltration|\bta0010\b/, "data_exfiltration"],
  [/privilege_escalation|\bta0004\b/, "privilege_escalation"],
  [/reconnaissance|discovery|\bta0043\b|\bta0007\b/, "recon"],
];

/** The category named by ATT&CK technique or tactic tags, techniques winning over tactics. */
export function categoryFromAttackTags(tags: readonly unknown[]): string | undefined {
  const texts = tags.filter((t): t is string => typeof t === "string").map((t) => t.toLowerCase());
  for (const t of texts) {
    for (const m of t.matchAll(/(?:^|[^a-z0-9])t(\d{4})(?:\.\d{3})?(?![0-9])/g)) {
      const hit = TECHNIQUES[`T${m[1]}`];
      if (hit) return hit;
    }
  }
  for (const t of texts) {
    const normalized = t.replace(/[-\s]+/g, "_");
    for (const [re, category] of TACTICS) if (re.test(normalized)) return category;
  }
  return undefined;
}

const KEYWORDS: [RegExp, string][] = [
  [/brute.?force|password.?spray|credential.?stuffing|multiple (?:login|logon|authentication) failures|excessive (?:failed )?(?:login|logon)s?/i, "brute_force"],
  [/impossible.?travel|velocity|unfamiliar (?:location|sign-in)|atypical travel/i, "impossible_travel"],
  [/phish/i, "phishing"],
  [/\bc2\b|\bc&c\b|command.and.control|beacon/i, "c2"],
  [/malware|trojan|ransomware|virus|backdoor|coin.?miner|crypto.?(?:currency|miner)|worm\b|mimikatz/i, "malware"],
  [/exfiltrat|data (?:leak|theft)|\bdlp\b/i, "data_exfiltration"],
  [/privilege|escalat|admin(?:istrator)? (?:role|group|rights)|sudo/i, "privilege_escalation"],
  [/port.?(?:scan|probe|sweep)|\brecon|scanning|enumerat|discovery/i, "recon"],
  [/(?:login|logon|sign.?in|authenticat)\w*/i, "suspicious_login"],
  [/policy|compliance|violation/i, "policy_violation"],
];

/** The first category whose keywords appear in any of the texts. */
export function categoryFromText(...texts: readonly unknown[]): string | undefined {
  const joined = texts.filter((t): t is string => typeof t === "string").join("\n").slice(0, 20_000);
  if (!joined) return undefined;
  for (const [re, category] of KEYWORDS) if (re.test(joined)) return category;
  return undefined;
}
