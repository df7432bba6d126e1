// The written forms of one account or one machine. Vendors report a user as DOMAIN\user, as a UPN
// (user@corp.example), or both, and a host as FQDN, short name, or both; we keep every form
// verbatim and link them (see ObservableSet.link), so a search or grouping rule on either form finds
// the alert.

/** Values vendors put in user fields when there is no user. Compared case-insensitively. */
const NO_USER = new Set(["", "-", "--", "n/a", "na", "null", "(null)", "none", "unknown", "undefined", "nobody"]);

/** Built-in service identities: real, but grouping alerts on them would merge unrelated cases. */
const BUILTIN_USERS = new Set(["system", "local service", "network service", "localsystem", "anonymous logon"]);
const BUILTIN_DOMAINS = new Set(["nt authority", "font driver host", "window manager"]);

export interface UserParts {
  /** Account name; may itself be DOMAIN\user or a UPN. */
  name?: unknown;
  /** NetBIOS or DNS domain of the account (ntDomain, domainName, TargetDomainName, ...). */
  domain?: unknown;
  /** The user principal name, when the vendor gives it separately. */
  upn?: unknown;
  /** The part after "@" of a UPN whose user part is `name` (Sentinel's upnSuffix). */
  upnSuffix?: unknown;
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");

function isBuiltin(name: string, domain: string): boolean {
  return BUILTIN_DOMAINS.has(domain.toLowerCase()) || (BUILTIN_USERS.has(name.toLowerCase()) && !name.includes("@"));
}

/**
 * The forms of one user, UPN first (it is unique across domains), then DOMAIN\user. A bare name
 * is returned only when no qualified form exists.
 */
export function userForms(parts: UserParts): string[] {
  let name = str(parts.name);
  let domain = str(parts.domain);
  const slash = name.indexOf("\\");
  if (slash > 0) {
    domain = name.slice(0, slash);
    name = name.slice(slash + 1);
  }
  const upn = str(parts.upn).includes("@") ? str(parts.upn) : "";
  if (NO_USER.has(name.toLowerCase()) || isBuiltin(name, domain)) return upn ? [upn] : [];
  if (NO_USER.has(domain.toLowerCase())) domain = "";

  const forms: string[] = upn ? [upn] : [];
  if (name.includes("@")) forms.push(name);
  else if (str(parts.upnSuffix)) forms.push(`${name}@${str(parts.upnSuffix)}`);
  if (!name.includes("@") && domain) forms.push(slash > 0 ? str(parts.name) : `${domain}\\${name}`);
  if (forms.length === 0) forms.push(name);
  return [...new Set(forms)];
}

export interface HostParts {
  /** Host name: FQDN or short name. */
  name?: unknown;
  /** DNS domain, joined to a short name to make the FQDN. NetBIOS domains (no dot) are ignored. */
  domain?: unknown;
}

const NO_HOST = new Set(["", "-", "n/a", "null", "(null)", "none", "unknown", "undefined", "localhost"]);

/** FQDN first, then the short name (the first label). */
export function hostForms(parts: HostParts): string[] {
  const name = str(parts.name).replace(/\.$/, "");
  if (NO_HOST.has(name.toLowerCase())) return [];
  const domain = str(parts.domain).replace(/^\.|\.$/g, "");
  const fqdn = name.includes(".") ? name : domain.includes(".") ? `${name}.${domain}` : "";
  const short = name.split(".")[0] ?? "";
  return [...new Set([fqdn, short].filter(Boolean))];
}
