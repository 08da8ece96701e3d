// `npm run fake-jogg`: the fake JoggAI server for trying the app by hand (and for e2e runs in
// another process). Prints everything a person needs to point the preview at it.
import { parseArgs } from 'node:util';
import { DEFAULT_VALID_KEYS, startFakeJogg } from './server';

const USAGE = 'Usage: npm run fake-jogg -- [--port 4010] [--key EXTRA_VALID_KEY]…';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      key: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535 (got "${values.port}").\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  const validKeys = [...DEFAULT_VALID_KEYS, ...values.key];
  const fake = await startFakeJogg({ port, validKeys });
  console.log(`Fake JoggAI listening on ${fake.url}

Valid API keys: ${validKeys.join(', ')}   (any other key answers 10105 "Invalid API key")

Photo IDs you have not scripted behave by their prefix:
  fail…               in progress for 3 checks, then fails ("The photo did not pass the content review")
  missing… unknown…   10104 "Record not found"
  slow…               in progress for 4 minutes from its first check, then ready
  anything else       in progress for 3 checks, then ready with 4 images

Point the web preview at it:
  npm run preview:web -- --api-base-url ${fake.url} --secret-store memory

Steer it (see tests/fake-jogg/server.ts for every scenario):
  curl -X POST ${fake.url}/__control/photos/abc -d '{"kind":"fail","message":null}'
  curl -X POST ${fake.url}/__control/keys/good-key -d '{"state":"no-permission"}'
  curl -X POST ${fake.url}/__control/photos/abc -d '{"kind":"no-news","missing":"status"}'
  curl -X POST ${fake.url}/__control/photos/abc -d '{"kind":"rate-limit","code":10401,"retryAfterS":30}'
  curl -X POST ${fake.url}/__control/account/whoami -d '{"fault":"server-error"}'   (or "not-found", "hang", "drop", "no-data", "no-fields"; null to end)
  curl -X POST ${fake.url}/__control/rate-limit-headers -d '{"remaining":0,"reset":30}'   (null to end)
  curl -X POST ${fake.url}/__control/down     (then /up, /reset; GET /__control/requests)

Ctrl+C stops it.`);

  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`fake-jogg could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
