// The `vigil` command line. Each subcommand is a few lines calling into src/server.
import { Command, Option } from "commander";
import { ROLES } from "../server/db/schema/enums";
import { EnvError } from "../server/env";
import { SOURCE_AUTH_MODES, sourceKinds } from "../server/intake/sources";
import { adminCreateCommand, auditVerifyCommand, migrateCommand } from "./commands/admin";
import { alertParseCommand } from "./commands/alert-parse";
import { auditExportCommand } from "./commands/audit";
import { demoCommand } from "./commands/demo";
import { secretsRotateCommand } from "./commands/secrets";
import { sourceAddCommand, sourceRotateCommand } from "./commands/source";
import { playbookBacktestCommand, playbookTestCommand } from "./commands/playbook";
import { startCommand } from "./commands/start";
import { webCommand } from "./commands/web";
import { workerCommand } from "./commands/worker";

const program = new Command().name("vigil").description("Vigil SOAR: webhooks in, cases and playbooks out");

program.command("start").description("run web + worker (embedded Postgres when DATABASE_URL is unset)").action(startCommand);
program.command("web").description("run the web app only").action(webCommand);
program.command("worker").description("run the playbook worker only").action(workerCommand);
program.command("migrate").description("apply database migrations and sync playbooks").action(migrateCommand);

program
  .command("demo")
  .description("create demo alert sources (demo-*) and send sample alerts for the shipped playbooks through the running Vigil's webhook")
  .option("--url <base-url>", "the running Vigil (Default: VIGIL_PUBLIC_URL, else http://localhost:PORT)")
  .option("--with-connections", "send even while identity, network or notification connections are enabled (playbooks may act through them)")
  .action(demoCommand);

const admin = program.command("admin").description("user administration");
admin
  .command("create")
  .description("create a user (prints a generated password unless --password is given)")
  .requiredOption("--email <email>")
  .option("--name <name>")
  .addOption(new Option("--role <role>").choices(ROLES).default("admin"))
  .option("--password <password>")
  .action(adminCreateCommand);

const source = program.command("source").description("alert sources");
source
  .command("add")
  .description("create an alert source and print its secret once")
  .requiredOption("--slug <slug>", "URL name: POST /api/webhooks/<slug>")
  .option("--name <name>")
  .addOption(new Option("--kind <kind>", "parser of the payloads").choices(sourceKinds().map((k) => k.kind)).default("generic"))
  .addOption(new Option("--auth <mode>", "token: Bearer header; hmac: X-Vigil-Signature; okta: Okta event hook").choices(SOURCE_AUTH_MODES).default("token"))
  .option("--mapping <json|@file>", "generic sources: field mapping, e.g. '{\"title\":\"$.rule.name\"}'")
  .option("--rate-limit <per-minute>", "requests per minute (default: VIGIL_SOURCE_RATE_LIMIT_PER_MINUTE)")
  .option("--disabled", "create it disabled")
  .action(sourceAddCommand);
source
  .command("rotate")
  .description("replace a source's secret (the old one stops working) and print the new one once")
  .requiredOption("--slug <slug>")
  .action(sourceRotateCommand);

const alert = program.command("alert").description("alerts");
alert
  .command("parse")
  .description("print the NormalizedAlert(s) Vigil makes of a vendor payload (JSON or CEF text); no database needed")
  .argument("<file>", "the payload, as the vendor sends it")
  .option("--kind <kind>", "parser: auto, generic, guardduty, okta, ... (see `vigil source add --kind`)", "auto")
  .option("--mapping <file>", "JSON field mapping for a generic source")
  .option("--raw", "include the raw payload in each alert")
  .action(alertParseCommand);

const playbook = program.command("playbook").description("dry runs of playbooks with recorded fakes");
const collect = (value: string, previous: string[] = []) => [...previous, value];
playbook
  .command("test <id>")
  .description("run a playbook against an alert file with every integration faked; prints the trace and the approvals it would request")
  .option("--alert <file>", "alert as the SIEM would POST it (JSON)")
  .option("--kind <kind>", "parser for the alert file: generic, splunk, ... or auto", "auto")
  .option("--source <slug>", "source slug the alert seems to come from (for triggers)", "test")
  .option("--fakes <file>", 'recorded results by call path, e.g. {"abuseipdb.check": {"score": 90}}')
  .option("--input <json>", "input for playbooks started by hand")
  .option("--decide <name=decision>", "approval outcome: approve (default), reject or expire; repeatable", collect)
  .option("--signal <name=json>", "data for a ctx.waitFor (absent: it times out); repeatable", collect)
  .action(playbookTestCommand);
playbook
  .command("backtest <id>")
  .description("replay stored alerts through the trigger and the playbook (dry run) and count runs and actions")
  .option("--since <duration>", "how far back, e.g. 7d or 12h", "7d")
  .option("--fakes <file>", "recorded integration results by call path")
  .option("--approvals <decision>", "how approvals are decided: approve, reject or expire", "approve")
  .action(playbookBacktestCommand);

const audit = program.command("audit").description("audit trail");
audit.command("verify").description("walk the hash chain and report the first broken link").action(auditVerifyCommand);
audit
  .command("export")
  .description("write the audit trail as JSON lines (one row per line, chain order) for a SIEM")
  .option("--since <date>", "only rows at or after this date/time (ISO 8601)")
  .option("--until <date>", "only rows before this date/time (ISO 8601)")
  .option("--out <file>", "write to a new file (mode 0600) instead of stdout")
  .action(auditExportCommand);

const secrets = program.command("secrets").description("stored credentials");
secrets
  .command("rotate")
  .description("re-seal every stored secret under the current key (VIGIL_SECRET_KEY; old keys in VIGIL_SECRET_KEY_PREVIOUS)")
  .option("--new-key", "without VIGIL_SECRET_KEY: generate a new key file first, keeping the old key in secret.key.previous")
  .action(secretsRotateCommand);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else console.error(`vigil: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
