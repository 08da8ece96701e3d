// Child process for the torn-write test: saves two different watchlists in turn, forever,
// until the test kills it at a random moment.
import { WatchlistFile } from '../../main/core/watchlist/watchlist-file';
import { makeHistory, makeItems } from './items';

const dir = process.argv[2]!;
const file = new WatchlistFile(dir);
const states = [
  { items: makeItems(2_000, 'a'), history: makeHistory(100) },
  { items: makeItems(3_000, 'b'), history: makeHistory(200) },
];

async function run(): Promise<void> {
  await file.load();
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) await file.save(states[i % 2]!);
}
void run();
