// Key files: generated once with mode 0600, re-read after `--new-key` replaces them (a running
// web app keeps opening old values and seals new ones under the new key), and the env wins.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { open, seal } from "@/server/secrets/envelope";
import { generateNewFileKey, keyId, keyringFrom, openingKeys, resetKeyringCache } from "@/server/secrets/keyring";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-keyring-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  resetKeyringCache();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("keyring", () => {
  it("generates secret.key once, readable by the owner only", () => {
    const dir = tempDir();
    const first = keyringFrom({ dir });
    expect(fs.statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    resetKeyringCache();
    expect(keyId(keyringFrom({ dir }).current)).toBe(keyId(first.current));
  });

  it("picks up a new key file without a restart and still opens values sealed with the old key", () => {
    const dir = tempDir();
    const before = keyringFrom({ dir });
    const oldValue = seal("ldap bind password", before.current);
    const after = generateNewFileKey({ dir });
    const seen = keyringFrom({ dir });
    expect(keyId(seen.current)).toBe(keyId(after.current));
    expect(keyId(seen.current)).not.toBe(keyId(before.current));
    expect(open(oldValue, openingKeys(seen))).toBe("ldap bind password");
  });

  it("uses VIGIL_SECRET_KEY and VIGIL_SECRET_KEY_PREVIOUS when set, and refuses --new-key then", () => {
    const [key, prev] = [randomBytes(32), randomBytes(32)];
    const source = { key: key.toString("base64"), previous: ` ${prev.toString("base64")} `, dir: tempDir() };
    expect(openingKeys(keyringFrom(source)).map(keyId)).toEqual([keyId(key), keyId(prev)]);
    expect(fs.existsSync(path.join(source.dir, "secret.key"))).toBe(false);
    expect(() => generateNewFileKey(source)).toThrow(/VIGIL_SECRET_KEY is set/);
  });
});
