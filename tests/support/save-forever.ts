// Child process for the torn-write test: saves two different watchlists in turn, forever,
// until the test kills it at a random moment.
import { WatchlistFile } from '../../main/core/watchlist/watchlist-file';
import { makeItems } from './items';

const dir = process.argv[2]!;
const file = new WatchlistFile(dir);
const lists = [makeItems(2_000, 'a'), makeItems(3_000, 'b')];

async function run(): Promise<void> {
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) await file.save(lists[i % 2]!);
}
void run();
