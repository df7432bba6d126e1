// Fake PAN-OS XML API for the User-ID registered-IP tags that feed dynamic address groups.
// Follows: "Apply User-ID Mapping and Populate Dynamic Groups (API)"
//   https://docs.paloaltonetworks.com/ngfw/api/pan-os-xml-api-use-cases/apply-user-id-mapping-and-populate-dynamic-address-groups-api
// (POST /api/ type=user-id, cmd=<uid-message><type>update</type><payload><register|unregister>
//  <entry ip=".."><tag><member timeout="secs">tag</member></tag></entry>...), the op command
// <show><object><registered-ip><tag><entry name=".."/></tag></registered-ip></object></show>,
// the X-PAN-KEY header (PAN-OS 9.0+), and "PAN-OS XML API Error Codes"
//   https://docs.paloaltonetworks.com/ngfw/api/getting-started/pan-os-xml-api-error-codes
// (status="error" with code 400 bad request, 403 forbidden).
import { XMLParser } from "fast-xml-parser";
import { startFakeServer, text, type FakeRequest, type FakeServer } from "./http-fake";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "member"].includes(name), parseTagValue: false });
const xml = (status: number, body: string) => text(status, `<?xml version="1.0"?>\n${body}`, "application/xml");
const error = (code: number, msg: string) => xml(200, `<response status="error" code="${code}"><result><msg>${msg}</msg></result></response>`);

export interface PanosFake extends FakeServer {
  apiKey: string;
  /** Tags currently registered for an IP (expired ones are gone). */
  tagsOf(ip: string): string[];
}

type Member = { "#text"?: string; "@_timeout"?: string } | string;
type Entry = { "@_ip": string; tag?: { member?: Member[] } };

export async function startPanosFake(apiKey = "fake-panos-key"): Promise<PanosFake> {
  const registered = new Map<string, Map<string, number | null>>(); // ip -> tag -> expiresAt
  const now = () => Date.now();
  const live = (ip: string) => [...(registered.get(ip) ?? new Map<string, number | null>()).entries()].filter(([, exp]) => exp === null || exp > now()).map(([tag]) => tag);

  function userId(cmd: string) {
    const doc = parser.parse(cmd) as { "uid-message"?: { type?: string; payload?: { register?: { entry?: Entry[] }; unregister?: { entry?: Entry[] } } } };
    const msg = doc["uid-message"];
    if (!msg || msg.type !== "update" || !msg.payload) return error(400, "Malformed uid-message: expected <type>update</type> and a <payload>");
    for (const entry of msg.payload.register?.entry ?? []) {
      const tags = registered.get(entry["@_ip"]) ?? new Map<string, number | null>();
      for (const m of entry.tag?.member ?? []) {
        const name = typeof m === "string" ? m : (m["#text"] ?? "");
        const timeout = typeof m === "string" ? 0 : Number(m["@_timeout"] ?? 0);
        tags.set(name, timeout > 0 ? now() + timeout * 1000 : null);
      }
      registered.set(entry["@_ip"], tags);
    }
    for (const entry of msg.payload.unregister?.entry ?? []) {
      const tags = registered.get(entry["@_ip"]);
      for (const m of entry.tag?.member ?? []) tags?.delete(typeof m === "string" ? m : (m["#text"] ?? ""));
    }
    return xml(200, `<response status="success"><result><uid-response><version>2.0</version><payload/></uid-response></result></response>`);
  }

  function op(cmd: string) {
    if (cmd === "<show><system><info></info></system></show>")
      return xml(200, `<response status="success"><result><system><hostname>fake-fw</hostname><sw-version>11.1.2</sw-version></system></result></response>`);
    const match = /^<show><object><registered-ip><tag><entry name="([^"]+)"\/><\/tag><\/registered-ip><\/object><\/show>$/.exec(cmd);
    if (!match) return error(1, "Unknown command");
    const tag = match[1]!;
    const ips = [...registered.keys()].filter((ip) => live(ip).includes(tag));
    const entries = ips.map((ip) => `<entry ip="${ip}" from_agent="0" persistent="1"><tag>${live(ip).map((t) => `<member>${t}</member>`).join("")}</tag></entry>`).join("");
    return xml(200, `<response status="success"><result>${entries}<count>${ips.length}</count></result></response>`);
  }

  const param = (req: FakeRequest, name: string) => (req.body as Record<string, string> | undefined)?.[name] ?? req.query.get(name);

  function handle(req: FakeRequest) {
    const cmd = param(req, "cmd") ?? "";
    switch (param(req, "type")) {
      case "user-id":
        return userId(cmd);
      case "op":
        return op(cmd);
      default:
        return error(400, "Missing or unknown parameter: type");
    }
  }

  const server = await startFakeServer({
    routes: [
      ["POST", "/api/", handle],
      ["GET", "/api/", handle],
    ],
    authorize: (req) => ((req.headers["x-pan-key"] ?? param(req, "key")) === apiKey ? null : xml(403, `<response status="error" code="403"><result><msg>Invalid Credential</msg></result></response>`)),
    notFound: () => text(404, "Not Found"),
  });
  return { ...server, apiKey, tagsOf: live };
}
