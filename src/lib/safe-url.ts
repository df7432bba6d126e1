// Which link targets user-written markdown may carry: web and mail links, and same-site paths.
// Everything else (javascript:, data:, vbscript:, file:, ...) is dropped. Browsers ignore tabs,
// newlines and leading control characters inside a scheme, so those are stripped before checking.
const ALLOWED_SCHEMES = new Set(["http:", "https:", "mailto:"]);

export function safeUrl(url: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, "");
  if (cleaned === "") return "";
  if (cleaned.startsWith("#") || (cleaned.startsWith("/") && !cleaned.startsWith("//"))) return url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1];
  if (!scheme) return /^[\w./?=&%-]+$/.test(cleaned) && !cleaned.includes(":") ? url.trim() : "";
  return ALLOWED_SCHEMES.has(`${scheme.toLowerCase()}:`) ? url.trim() : "";
}
