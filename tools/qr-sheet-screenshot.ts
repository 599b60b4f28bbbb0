// `npx tsx tools/qr-sheet-screenshot.ts [--out DIR]`, as the README documents it: the qr:sheet-screenshot command.
import { runMain } from './main'

if (require.main === module) void runMain(['qr:sheet-screenshot', ...process.argv.slice(2)])
