// Per-worker test environment: quiet logs and a fixed secret key (never a file in .vigil).
process.env.VIGIL_LOG_LEVEL ??= "silent";
process.env.VIGIL_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");
