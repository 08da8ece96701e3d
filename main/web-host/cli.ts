// `npm run preview:web`: starts the core and the preview server, prints one
// `Preview URL: …` line when ready, and stops cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseGivenBudget, type Budget } from '../core/budget';
import { resolveApiBaseUrl, isLoopbackHost } from '../core/jogg/base-url';
import { consoleLogger, type SecretStore } from '../core/ports';
import { createKeychainSecretStore } from '../core/secrets/keychain-secret-store';
import { createMemorySecretStore } from '../core/secrets/memory-secret-store';
import { createAvatarWatchService } from '../core/service';
import { DATA_FILES_DIR } from '../core/results/results-room';
import { BroadcastNotifier, startPreviewServer } from './preview-server';

const USAGE = `Usage: npm run preview:web -- [--port N] [--data-dir DIR] [--api-base-url URL] [--secret-store keychain|memory]
                           [--rate N] [--burst N] [--max-in-flight N]   (request budget; default 2 a second, bursts of 5, 4 at once)`;

interface PreviewOptions {
  port: number;
  dataDir: string;
  apiBaseUrl: string | undefined;
  secretStore: 'keychain' | 'memory';
  /** Only what the flags set: it wins over the Settings page, which fills in the rest. */
  budget: Partial<Budget>;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readOptions(argv: string[]): PreviewOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'api-base-url': { type: 'string' },
        'secret-store': { type: 'string' },
        rate: { type: 'string' },
        burst: { type: 'string' },
        'max-in-flight': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  const secretStore = values['secret-store'] ?? 'keychain';
  if (secretStore !== 'keychain' && secretStore !== 'memory') fail(`--secret-store must be "keychain" or "memory", not "${secretStore}".`);
  const budget = parseGivenBudget({
    ratePerS: { name: '--rate', value: values.rate },
    burst: { name: '--burst', value: values.burst },
    maxInFlight: { name: '--max-in-flight', value: values['max-in-flight'] },
  });
  if (!budget.ok) fail(budget.error.message);
  return {
    budget: budget.value,
    port,
    dataDir: resolve(values['data-dir'] ?? join(homedir(), '.avatar-watch-preview')),
    apiBaseUrl: values['api-base-url'] ?? process.env.AVATAR_WATCH_API_BASE_URL,
    secretStore,
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const rendererDir = resolve(__dirname, '../../out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) fail(`The renderer is not built (${rendererDir}). Run "npm run build" first.`);
  const baseUrl = resolveApiBaseUrl(options.apiBaseUrl);
  if (!baseUrl.ok) fail(`--api-base-url: ${baseUrl.error.message}`);

  let secretStore: SecretStore;
  const startupNotices: Array<{ level: 'warning'; message: string; code: 'key-memory-only' }> = [];
  if (options.secretStore === 'memory') {
    const warning = 'This preview keeps your API key in memory only: it is forgotten when the preview stops, and you will have to paste it again.';
    console.warn(`\n  WARNING: --secret-store memory: ${warning}\n`);
    // The window words it from the catalogue; `message` is the log's English.
    startupNotices.push({ level: 'warning', message: warning, code: 'key-memory-only' });
    secretStore = createMemorySecretStore();
  } else {
    secretStore = createKeychainSecretStore();
  }

  const logger = consoleLogger;
  const notifier = new BroadcastNotifier(logger);
  const service = createAvatarWatchService({
    dataDir: options.dataDir,
    apiBaseUrl: baseUrl.value.href,
    secretStore,
    notifier,
    logger,
    budget: options.budget,
    startupNotices,
  });
  await service.start();
  const extraImageOrigin = isLoopbackHost(baseUrl.value.hostname) ? baseUrl.value.origin : undefined;
  const server = await startPreviewServer(service, notifier, {
    rendererDir,
    port: options.port,
    extraImageOrigin,
    logger,
    // results
    dataFilesDir: join(options.dataDir, DATA_FILES_DIR),
  });

  logger.info(`Data folder: ${options.dataDir}; JoggAI API: ${baseUrl.value.origin}; key store: ${secretStore.description}`);
  console.log(`Preview URL: ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping the preview…`);
    await service.stop();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`The preview could not start: ${(error as Error).message}`);
  process.exit(1);
});
