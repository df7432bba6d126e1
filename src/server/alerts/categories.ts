// The shared category vocabulary every vendor parser maps onto. Playbook triggers match on these
// words (`alert.normalized.category === "brute_force"`), so a parser never invents its own: it
// passes the alert's texts (title, vendor category) and MITRE ATT&CK tactics to resolveCategory.
export const CATEGORIES = [
  "brute_force", // repeated failed authentication, password spraying
  "suspicious_login", // an unusual sign-in (new country, risky, anomalous) or a single failed one
  "impossible_travel", // sign-ins from places too far apart for the time between them
  "phishing", // malicious mail, credential-harvesting links
  "malware", // malicious files and processes, ransomware, AV/sandbox verdicts
  "c2", // command-and-control traffic, beacons
  "initial_access", // an entry point that is neither phishing nor an exploit
  "exploit", // exploitation of a vulnerability, web attacks
  "execution", // suspicious process or script execution
  "persistence", // autostart, scheduled tasks, new services or accounts kept for re-entry
  "privilege_escalation",
  "defense_evasion", // tampering with logs, AV or hiding artefacts
  "credential_access", // dumping or stealing credentials
  "lateral_movement",
  "recon", // scanning, enumeration, discovery
  "data_exfiltration", // collection and exfiltration of data
  "impact", // destruction, encryption for impact, denial of service
  "policy_violation", // a rule of the organisation broken, not necessarily an attack
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Ordered: the first matching pattern wins, so specific behaviours come before broad ones. */
const KEYWORDS: readonly [RegExp, Category][] = [
  [/impossible[\s_-]?travel|atypical travel/i, "impossible_travel"],
  [/brute[\s_-]?force|password[\s_-]?spray|(multiple|excessive|repeated|many) failed|failed (log[\s-]?ins?|logons?|sign[\s-]?ins?|authentications?)|authentication failures?/i, "brute_force"],
  [/logon failure|authentication failed|failed password|invalid user/i, "suspicious_login"],
  [/phish|credential harvest|malicious (url|link)s? in (an )?e-?mail|e-?mails? (messages? )?containing malicious|malicious attachment|weaponi[sz]ed (document|attachment)|suspicious e-?mail/i, "phishing"],
  [/command[\s-]?and[\s-]?control|\bc2\b|\bc&c\b|beacon|cobalt ?strike/i, "c2"],
  [/ransomware|malware|trojan|virus|\bworm\b|backdoor|eicar|engines detected|infected|malicious (file|binary|executable)|unwanted software|\bpua\b/i, "malware"],
  [/exfiltrat|data theft|unusual (upload|data transfer)/i, "data_exfiltration"],
  [/credential dump|mimikatz|lsass|kerberoast|credential theft|steal(ing)? credentials/i, "credential_access"],
  [/privilege (escalation|gain)|privesc|elevat(ed|ion)|added to (a )?(privileged|admin)/i, "privilege_escalation"],
  [/lateral movement|psexec|pass[\s-]the[\s-](hash|ticket)|remote service creation/i, "lateral_movement"],
  [/\bscan(ning|ner)?\b|recon|enumerat|port sweep|nmap|network discovery/i, "recon"],
  [/(unfamiliar|anomalous|suspicious|risky|unusual|atypical|new country|unexpected) (sign[\s-]?ins?|log[\s-]?ins?|logons?)|sign[\s-]?in from/i, "suspicious_login"],
  [/exploit|\bcve-\d{4}-\d+|sql injection|web application attack|remote code execution|\brce\b/i, "exploit"],
  [/privacy violation|policy violation|prohibited|unauthori[sz]ed (app|software|use)/i, "policy_violation"],
  [/scheduled task|run key|new service (was )?installed|autorun|\bpersistence\b/i, "persistence"],
  [/defen[cs]e evasion|hidden file|clear(ed|ing)? (the )?(event |security )?logs?|disabl(ed|ing) (antivirus|defender|logging)|tamper/i, "defense_evasion"],
  [/encoded (powershell|command)|suspicious (powershell|execution|process)|process injection|process hollowing/i, "execution"],
];

const TACTICS = new Map<string, Category>(Object.entries({
  reconnaissance: "recon",
  discovery: "recon",
  preattack: "recon",
  probing: "recon",
  resourcedevelopment: "other",
  initialaccess: "initial_access",
  execution: "execution",
  persistence: "persistence",
  privilegeescalation: "privilege_escalation",
  defenseevasion: "defense_evasion",
  credentialaccess: "credential_access",
  lateralmovement: "lateral_movement",
  collection: "data_exfiltration",
  exfiltration: "data_exfiltration",
  commandandcontrol: "c2",
  impact: "impact",
  // Vendor words used where a tactic is expected (Defender categories, CrowdStrike tactics).
  malware: "malware",
  ransomware: "malware",
  unwantedsoftware: "malware",
  machinelearning: "malware",
  exploit: "exploit",
  postexploit: "execution",
  credentialtheft: "credential_access",
} satisfies Record<string, Category>));

const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");

/** The category for one MITRE tactic name in any spelling ("Credential Access", "CredentialAccess", "credential_access"). */
export function categoryFromTactic(tactic: unknown): Category | undefined {
  if (typeof tactic !== "string") return undefined;
  return TACTICS.get(squash(tactic));
}

/** The category named by keywords in a text (rule name, vendor category), if any. */
export function categoryFromText(text: unknown): Category | undefined {
  if (typeof text !== "string" || !text) return undefined;
  const sample = text.slice(0, 2000);
  for (const [pattern, category] of KEYWORDS) if (pattern.test(sample)) return category;
  return undefined;
}

/**
 * Texts first (a rule called "Brute force" is brute_force even when its tactic says Credential
 * Access), then tactics in order, then "other".
 */
export function resolveCategory(input: { texts?: readonly unknown[]; tactics?: readonly unknown[] }): Category {
  for (const t of input.texts ?? []) {
    const c = categoryFromText(t);
    if (c) return c;
  }
  for (const t of input.tactics ?? []) {
    const c = categoryFromTactic(t);
    if (c && c !== "other") return c;
  }
  return "other";
}
