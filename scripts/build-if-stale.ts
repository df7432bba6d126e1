// Builds the web app once before the test runners start servers from it (see src/cli/build.ts).
import { buildIsStale, buildWebApp } from "../src/cli/build";

if (buildIsStale(process.cwd())) buildWebApp(process.cwd());
else console.log("build is up to date");
