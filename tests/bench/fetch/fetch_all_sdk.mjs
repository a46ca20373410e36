// Fetches every cron of a deployment with the official LangGraph JS SDK (pinned in
// package-lock.json), the way a script would: pages of 1,000, oldest first, keeping every cron in
// memory, until a short page. Prints one JSON line like bench_fetch_client. Used by run.py.
//
//     node fetch_all_sdk.mjs URL [--in-flight N]
//
// With --in-flight N > 1 it keeps N page requests going at once (the SDK's own queue allows 4),
// after a count for the total, as a fairer match for a concurrent client.
const { Client } = await import("@langchain/langgraph-sdk");

const url = process.argv[2];
const flag = process.argv.indexOf("--in-flight");
const inFlight = flag > 0 ? Number(process.argv[flag + 1]) : 1;
const PAGE = 1000;

const started = process.hrtime.bigint();
const client = new Client({ apiUrl: url, apiKey: null });
const crons = [];
let pages = 0;

const page = (offset) => {
  pages += 1;
  return client.crons.search({ limit: PAGE, offset, sortBy: "created_at", sortOrder: "asc" });
};

if (inFlight <= 1) {
  for (let offset = 0; ; offset += PAGE) {
    const rows = await page(offset);
    crons.push(...rows);
    if (rows.length < PAGE) break;
  }
} else {
  const total = await client.crons.count();
  const offsets = [];
  for (let offset = 0; offset <= total; offset += PAGE) offsets.push(offset);
  let next = 0;
  const results = new Array(offsets.length);
  const worker = async () => {
    while (next < offsets.length) {
      const index = next++;
      results[index] = await page(offsets[index]);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  for (const rows of results) crons.push(...rows);
}

const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ client: "langgraph-sdk", rows: crons.length, pages, in_flight: inFlight, wall_ms: Math.round(wallMs) }));
