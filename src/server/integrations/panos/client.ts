// Palo Alto Networks PAN-OS XML API: tag IP addresses through the User-ID API so a dynamic address
// group (whose match criteria name the tag) blocks them at once, with no commit. A tag can carry a
// timeout, after which PAN-OS removes it by itself.
// Docs: https://docs.paloaltonetworks.com/ngfw/api/pan-os-xml-api-use-cases/apply-user-id-mapping-and-populate-dynamic-address-groups-api
//       https://docs.paloaltonetworks.com/ngfw/api/getting-started/pan-os-xml-api-error-codes
import { XMLParser } from "fast-xml-parser";
import { IntegrationError } from "../errors";
import { HttpError, type HttpClient } from "../http/client";
import type { IpTarget } from "../network/ip-target";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "member", "line"].includes(name), parseTagValue: false });

/** PAN-OS caps registered-tag timeouts at 2592000 s (30 days). */
export const PANOS_MAX_TAG_TIMEOUT_SECONDS = 2_592_000;

export interface PanosClientOptions {
  http: HttpClient;
  /** Virtual system for User-ID on a multi-vsys firewall. (Default: vsys1) */
  vsys?: string;
}

type XmlNode = Record<string, unknown>;

function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(textOf).filter(Boolean).join("; ");
  if (typeof node === "object") return Object.entries(node as XmlNode).filter(([k]) => !k.startsWith("@_")).map(([, v]) => textOf(v)).filter(Boolean).join("; ");
  return String(node);
}

export class PanosClient {
  constructor(private readonly options: PanosClientOptions) {}

  /** Registers `tag` on the IP, removed by PAN-OS after `timeoutSeconds` (0 = until unregistered). */
  async registerTag(target: IpTarget, tag: string, timeoutSeconds: number): Promise<void> {
    const member = timeoutSeconds > 0 ? `<member timeout="${timeoutSeconds}">${escapeXml(tag)}</member>` : `<member>${escapeXml(tag)}</member>`;
    await this.userId(`<register><entry ip="${escapeXml(target.value)}" persistent="1"><tag>${member}</tag></entry></register>`);
  }

  /** Removes `tag` from the IP; PAN-OS treats an absent registration as done. */
  async unregisterTag(target: IpTarget, tag: string): Promise<void> {
    await this.userId(`<unregister><entry ip="${escapeXml(target.value)}"><tag><member>${escapeXml(tag)}</member></tag></entry></unregister>`);
  }

  /** IPs currently registered with `tag`. */
  async listTagged(tag: string): Promise<Array<{ ip: string; tags: string[] }>> {
    const result = await this.request({ type: "op", cmd: `<show><object><registered-ip><tag><entry name="${escapeXml(tag)}"/></tag></registered-ip></object></show>` });
    const entries = ((result.result as XmlNode | undefined)?.entry as XmlNode[] | undefined) ?? [];
    return entries.map((e) => ({ ip: String(e["@_ip"]), tags: (((e.tag as XmlNode | undefined)?.member as unknown[]) ?? []).map(textOf) }));
  }

  /** A harmless call proving the key works: the system info op command. */
  async systemInfo(): Promise<string> {
    const result = await this.request({ type: "op", cmd: "<show><system><info></info></system></show>" });
    const info = ((result.result as XmlNode | undefined)?.system as XmlNode | undefined) ?? {};
    return `${textOf(info.hostname) || "firewall"} (PAN-OS ${textOf(info["sw-version"]) || "unknown"})`;
  }

  private userId(payload: string): Promise<XmlNode> {
    const cmd = `<uid-message><version>2.0</version><type>update</type><payload>${payload}</payload></uid-message>`;
    return this.request({ type: "user-id", cmd, ...(this.options.vsys ? { vsys: this.options.vsys } : {}) });
  }

  /** POSTs a form to /api/ (the key travels in X-PAN-KEY) and returns <response> when status="success". */
  private async request(form: Record<string, string>): Promise<XmlNode> {
    let body: unknown;
    try {
      body = (await this.options.http.post("/api/", { form, headers: { accept: "application/xml" } })).body;
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      body = e.body;
      if (e.status === 403) throw new IntegrationError("PAN-OS refused the API key (403): check the connection's key and the admin role's XML API permissions", { status: 403 });
      if (typeof body !== "string" || !body.includes("<response")) throw new IntegrationError(`PAN-OS answered HTTP ${e.status}`, { status: e.status }, { cause: e });
    }
    const response = (parser.parse(String(body)) as { response?: XmlNode }).response;
    if (!response) throw new IntegrationError("PAN-OS answered without an XML <response>");
    if (response["@_status"] !== "success") {
      const code = String(response["@_code"] ?? "");
      const msg = textOf(response.msg ?? (response.result as XmlNode | undefined)?.msg) || "no message";
      throw new IntegrationError(`PAN-OS ${form.type} request failed${code ? ` (code ${code})` : ""}: ${msg}`, { code });
    }
    return response;
  }
}
