// Every test file starts from the same quiet, predictable configuration.
process.env.NODE_ENV = 'test';
process.env.DEMO_DATA ??= 'false';
process.env.LOG_LEVEL ??= 'error';
process.env.OUTBOX_POLL_MS ??= '0';
process.env.TZ = 'America/Mexico_City';
process.env.UPLOADS_DIR ??= require('node:path').join(require('node:os').tmpdir(), `cabildo-test-uploads-${process.pid}`);
