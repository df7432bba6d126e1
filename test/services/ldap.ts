// A throwaway OpenLDAP (Debian slapd 2.5) for integration tests: cn=config written into a mkdtemp
// dir with slapadd, `slapd -d 0` as a child process on free 127.0.0.1 ports (ldap:// with
// StartTLS, and ldaps://), a test CA and server certificate made with openssl, the ppolicy,
// memberof and refint overlays, and a small directory loaded online (so the overlays see it).
// Adapted from the team's verified notes (test-services/ldap-up.sh).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "ldapts";
import { freePort } from "../helpers/app-server";

const run = promisify(execFile);

export const BASE_DN = "dc=example,dc=org";
export const ADMIN_DN = `cn=admin,${BASE_DN}`;

export interface SlapdServer {
  url: string;
  ldapsUrl: string;
  /** PEM of the CA that signed slapd's certificate. */
  caCert: string;
  adminDn: string;
  adminPassword: string;
  baseDn: string;
  stop(): Promise<void>;
}

/** {SSHA} hash as slappasswd makes it. */
function ssha(password: string): string {
  const salt = randomBytes(8);
  return `{SSHA}${Buffer.concat([createHash("sha1").update(password).update(salt).digest(), salt]).toString("base64")}`;
}

async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const f = (name: string) => path.join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run("openssl", ["req", "-x509", ...ec, "-keyout", f("ca.key"), "-out", f("ca.crt"), "-days", "2", "-subj", "/CN=Vigil Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  await run("openssl", ["req", ...ec, "-keyout", f("server.key"), "-out", f("server.csr"), "-subj", "/CN=127.0.0.1"]);
  await fs.writeFile(f("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  await run("openssl", ["x509", "-req", "-in", f("server.csr"), "-CA", f("ca.crt"), "-CAkey", f("ca.key"), "-CAcreateserial", "-out", f("server.crt"), "-days", "2", "-extfile", f("ext.cnf")]);
  return { ca: f("ca.crt"), cert: f("server.crt"), key: f("server.key") };
}

function configLdif(dir: string, hash: string, tls: { ca: string; cert: string; key: string }): string {
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${dir}/slapd.pid
olcArgsFile: ${dir}/slapd.args
olcTLSCACertificateFile: ${tls.ca}
olcTLSCertificateFile: ${tls.cert}
olcTLSCertificateKeyFile: ${tls.key}

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
olcModuleLoad: ppolicy
olcModuleLoad: memberof
olcModuleLoad: refint

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif
include: file:///etc/ldap/schema/nis.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcRootDN: cn=admin,cn=config
olcRootPW: ${hash}

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: ${BASE_DN}
olcRootDN: ${ADMIN_DN}
olcRootPW: ${hash}
olcDbDirectory: ${dir}/data
olcDbMaxSize: 104857600
olcDbIndex: objectClass eq
olcDbIndex: uid,cn,mail eq
olcDbIndex: member,memberOf eq
olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {1}to * by self read by users read by * none

dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcMemberOf
olcOverlay: {0}memberof
olcMemberOfRefInt: TRUE
olcMemberOfGroupOC: groupOfNames
olcMemberOfMemberAD: member
olcMemberOfMemberOfAD: memberOf

dn: olcOverlay={1}refint,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcRefintConfig
olcOverlay: {1}refint
olcRefintAttribute: member

dn: olcOverlay={2}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {2}ppolicy
olcPPolicyDefault: cn=default,ou=policies,${BASE_DN}
olcPPolicyUseLockout: TRUE
olcPPolicyHashCleartext: TRUE
`;
}

/** Users (password = "<uid>pw") and groups of the test directory. */
export const DIRECTORY = {
  users: ["alice", "bob", "carol", "dave", "breakglass", "svc-backup"],
  groups: { "vpn-users": ["alice", "bob", "dave"], "Domain Admins": ["carol"], "helpdesk": ["bob", "dave"] } as Record<string, string[]>,
};
export const userDn = (uid: string) => `uid=${uid},ou=people,${BASE_DN}`;
export const groupDn = (cn: string) => `cn=${cn},ou=groups,${BASE_DN}`;

async function loadDirectory(url: string, password: string): Promise<void> {
  const client = new Client({ url, timeout: 5_000 });
  try {
    await client.bind(ADMIN_DN, password);
    await client.add(BASE_DN, { objectClass: ["dcObject", "organization"], o: "Example Org", dc: "example" });
    for (const ou of ["people", "groups", "policies"]) await client.add(`ou=${ou},${BASE_DN}`, { objectClass: "organizationalUnit", ou });
    await client.add(`cn=default,ou=policies,${BASE_DN}`, { objectClass: ["organizationalRole", "pwdPolicy"], cn: "default", pwdAttribute: "userPassword", pwdLockout: "TRUE", pwdMaxFailure: "5", pwdLockoutDuration: "0" });
    for (const uid of DIRECTORY.users)
      await client.add(userDn(uid), { objectClass: "inetOrgPerson", uid, cn: uid, sn: uid, mail: `${uid}@example.org`, userPassword: `${uid}pw` });
    for (const [cn, members] of Object.entries(DIRECTORY.groups)) await client.add(groupDn(cn), { objectClass: "groupOfNames", cn, member: members.map(userDn) });
  } finally {
    await client.unbind();
  }
}

async function waitForBind(url: string, password: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (let i = 0; Date.now() < deadline && i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}: ${stderr()}`);
    const client = new Client({ url, timeout: 1_000, connectTimeout: 1_000 });
    try {
      await client.bind(ADMIN_DN, password);
      await client.unbind();
      return;
    } catch {
      await client.unbind().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`slapd did not accept a bind on ${url} within 15 s: ${stderr()}`);
}

export async function startSlapd(): Promise<SlapdServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "vigil-slapd-"));
  await fs.mkdir(path.join(dir, "slapd.d"));
  await fs.mkdir(path.join(dir, "data"));
  const adminPassword = randomBytes(9).toString("base64url");
  const tls = await makeCertificates(dir);
  await fs.writeFile(path.join(dir, "config.ldif"), configLdif(dir, ssha(adminPassword), tls));
  await run("slapadd", ["-n0", "-F", path.join(dir, "slapd.d"), "-l", path.join(dir, "config.ldif")]);
  const port = await freePort();
  let tlsPort = await freePort();
  for (let i = 0; tlsPort === port && i < 5; i++) tlsPort = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${tlsPort}`;
  const child = spawn("/usr/sbin/slapd", ["-d", "0", "-h", `${url}/ ${ldapsUrl}/`, "-F", path.join(dir, "slapd.d")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForBind(url, adminPassword, child, () => stderr);
    await loadDirectory(url, adminPassword);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, ldapsUrl, caCert: await fs.readFile(tls.ca, "utf8"), adminDn: ADMIN_DN, adminPassword, baseDn: BASE_DN, stop };
}
