// Preload (`node --import tsx --import ./test/helpers/peak-rss.ts …`): when the process exits, it writes its own
// peak resident set size in kB — the kernel's ru_maxrss, the number GNU time's %M reports — to the file named by
// CHIBO_PEAK_RSS_FILE. The variable is removed at once so that processes this one starts do not overwrite it.
import {writeFileSync} from "node:fs";

const out = process.env.CHIBO_PEAK_RSS_FILE;
delete process.env.CHIBO_PEAK_RSS_FILE;
if (out) process.on("exit", () => writeFileSync(out, `${process.resourceUsage().maxRSS}\n`));
