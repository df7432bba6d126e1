// `vigil secrets rotate`: re-seal stored credentials under the current key (see SECURITY.md).
import { generateNewFileKey, keyId, keyring } from "../../server/secrets/keyring";
import { rotateSecrets } from "../../server/secrets/rotate";
import { withDb } from "./admin";

export async function secretsRotateCommand(opts: { newKey?: boolean }): Promise<void> {
  const ring = opts.newKey ? generateNewFileKey() : keyring();
  if (opts.newKey) console.log(`generated a new key ${keyId(ring.current)}; the old one is kept in secret.key.previous`);
  const result = await withDb((db) => rotateSecrets(db, "cli", ring));
  const total = result.resealed.reduce((n, r) => n + r.count, 0);
  console.log(`re-sealed ${total} secret(s) under key ${result.keyId}`);
  for (const r of result.resealed) console.log(`  ${r.column}: ${r.count}`);
  const retired = ring.previous.map(keyId).join(", ");
  if (retired)
    console.log(
      `every stored secret is now under ${result.keyId}. Previous key(s) ${retired} are still accepted; remove them (VIGIL_SECRET_KEY_PREVIOUS or secret.key.previous) once no database backup sealed with them needs restoring.`,
    );
}
