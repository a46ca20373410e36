// Round trip of the official LangGraph JS SDK (@langchain/langgraph-sdk, pinned in package.json)
// against crondesk-sandbox: every call must succeed with the shapes the SDK expects. Run by CTest
// (see CMakeLists.txt) with $CRONDESK_SANDBOX naming the executable.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

// The SDK's own dependencies (p-retry 7, p-queue 9) need Node 20; say so instead of failing
// somewhere inside them. Debian 12's nodejs package is 18.
const nodeMajor = Number(process.versions.node.split(".")[0]);
if (nodeMajor < 20) {
  console.error(`Node ${process.versions.node} is too old for @langchain/langgraph-sdk; install Node 20 or later`);
  process.exit(1);
}
const { Client } = await import("@langchain/langgraph-sdk");

const AGENT_ID = "fe096781-5601-53d2-b2f6-0d3403f7e9ca"; // uuid5(NAMESPACE_GRAPH, "agent")
const API_KEY = "sdk-roundtrip-key";

function startSandbox() {
  const executable = process.env.CRONDESK_SANDBOX;
  if (!executable) throw new Error("CRONDESK_SANDBOX is not set");
  const child = spawn(executable, ["--port", "0", "--seed", "12", "--api-key", API_KEY, "--run-duration", "60"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("sandbox did not start")), 30000);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      const match = /^listening on (https?:\/\/\S+)$/.exec(line);
      if (!match) reject(new Error(`unexpected first line: ${line}`));
      else resolve({ child, url: match[1] });
    });
  });
}

// An SDK call that must fail with `status` (the SDK neither retries 4xx nor swallows them).
async function rejectsWith(status, promise) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.status, status, `expected HTTP ${status}, got ${error.status}: ${error.message}`);
    return true;
  });
}

const steps = [];
function step(name, fn) {
  steps.push({ name, fn });
}

const state = {};

step("assistants.search by graph and system metadata", async (client) => {
  const byGraph = await client.assistants.search({ graphId: "agent", limit: 50 });
  assert.ok(Array.isArray(byGraph));
  assert.ok(byGraph.length >= 2);
  for (const assistant of byGraph) {
    assert.equal(assistant.graph_id, "agent");
    assert.equal(typeof assistant.assistant_id, "string");
    assert.equal(typeof assistant.created_at, "string");
    assert.equal(typeof assistant.config, "object");
  }
  const system = await client.assistants.search({ graphId: "agent", metadata: { created_by: "system" } });
  assert.equal(system.length, 1);
  assert.equal(system[0].assistant_id, AGENT_ID);
  const graph = await client.assistants.getGraph(AGENT_ID);
  assert.ok(graph.nodes.some((node) => node.id === "tools"));
  const schemas = await client.assistants.getSchemas(AGENT_ID);
  assert.equal(schemas.graph_id, "agent");
  assert.equal(typeof schemas.input_schema, "object");
});

step("threads.create and threads.get", async (client) => {
  const thread = await client.threads.create({ metadata: { purpose: "sdk-roundtrip" } });
  assert.equal(typeof thread.thread_id, "string");
  assert.equal(thread.status, "idle");
  assert.deepEqual(thread.metadata, { purpose: "sdk-roundtrip" });
  const again = await client.threads.get(thread.thread_id);
  assert.equal(again.thread_id, thread.thread_id);
  state.threadId = thread.thread_id;
});

step("crons.create (stateless, graph name)", async (client) => {
  const cron = await client.crons.create("agent", {
    schedule: "0 8 * * *",
    timezone: "Europe/Berlin",
    input: { messages: [{ role: "user", content: "daily digest" }] },
    metadata: { owner: "sdk", suite: "roundtrip" },
    onRunCompleted: "keep",
    endTime: "2031-01-01T00:00:00Z",
  });
  assert.equal(typeof cron.cron_id, "string");
  assert.equal(cron.assistant_id, AGENT_ID);
  assert.equal(cron.thread_id, null);
  assert.equal(cron.on_run_completed, "keep");
  assert.equal(cron.timezone, "Europe/Berlin");
  assert.equal(cron.end_time, "2031-01-01T00:00:00+00:00");
  assert.equal(cron.enabled, true);
  assert.match(cron.next_run_date, /^\d{4}-\d{2}-\d{2}T0[67]:00:00\+00:00$/);
  assert.deepEqual(cron.payload.input, { messages: [{ role: "user", content: "daily digest" }] });
  state.statelessId = cron.cron_id;
});

step("crons.createForThread", async (client) => {
  const cron = await client.crons.createForThread(state.threadId, AGENT_ID, {
    schedule: "*/30 * * * *",
    metadata: { owner: "sdk", suite: "roundtrip", kind: "thread" },
    multitaskStrategy: "enqueue",
    interruptBefore: ["tools"],
  });
  assert.equal(cron.thread_id, state.threadId);
  assert.equal(cron.on_run_completed, null);
  assert.equal(cron.payload.multitask_strategy, "enqueue");
  assert.deepEqual(cron.payload.interrupt_before, ["tools"]);
  state.threadCronId = cron.cron_id;
});

step("crons.search with filters, sort and select", async (client) => {
  const bySuite = await client.crons.search({ metadata: { suite: "roundtrip" } });
  assert.deepEqual(bySuite.map((c) => c.cron_id).sort(), [state.statelessId, state.threadCronId].sort());
  const byThread = await client.crons.search({ threadId: state.threadId });
  assert.deepEqual(byThread.map((c) => c.cron_id), [state.threadCronId]);
  const byAssistant = await client.crons.search({ assistantId: AGENT_ID, metadata: { owner: "sdk" }, limit: 5 });
  assert.equal(byAssistant.length, 2);
  const sorted = await client.crons.search({ sortBy: "next_run_date", sortOrder: "asc", limit: 100 });
  for (let i = 1; i < sorted.length; ++i) {
    if (sorted[i].next_run_date !== null && sorted[i - 1].next_run_date !== null)
      assert.ok(sorted[i - 1].next_run_date <= sorted[i].next_run_date);
  }
  const selected = await client.crons.search({ select: ["cron_id", "enabled"], limit: 3 });
  assert.equal(selected.length, 3);
  for (const cron of selected) assert.deepEqual(Object.keys(cron).sort(), ["cron_id", "enabled"]);
  const page = await client.crons.search({ limit: 5, offset: 5 });
  assert.equal(page.length, 5);
});

step("crons.count", async (client) => {
  assert.equal(await client.crons.count(), 14);
  assert.equal(await client.crons.count({ threadId: state.threadId }), 1);
  assert.equal(await client.crons.count({ assistantId: AGENT_ID, metadata: { suite: "roundtrip" } }), 2);
  assert.equal(await client.crons.count({ metadata: { suite: "nothing" } }), 0);
});

step("crons.update: pause, resume, end time set and cleared, schedule", async (client) => {
  const paused = await client.crons.update(state.statelessId, { enabled: false });
  assert.equal(paused.enabled, false);
  const disabled = await client.crons.search({ enabled: false, metadata: { suite: "roundtrip" } });
  assert.deepEqual(disabled.map((c) => c.cron_id), [state.statelessId]);
  const resumed = await client.crons.update(state.statelessId, { enabled: true });
  assert.equal(resumed.enabled, true);
  const ended = await client.crons.update(state.threadCronId, { endTime: "2030-06-30T12:00:00Z" });
  assert.equal(ended.end_time, "2030-06-30T12:00:00+00:00");
  const cleared = await client.crons.update(state.threadCronId, { endTime: null });
  assert.equal(cleared.end_time, null);
  const rescheduled = await client.crons.update(state.threadCronId, {
    schedule: "0 10 * * *",
    timezone: "UTC",
    metadata: { reviewed: true },
  });
  assert.equal(rescheduled.schedule, "0 10 * * *");
  assert.match(rescheduled.next_run_date, /T10:00:00\+00:00$/);
  assert.deepEqual(rescheduled.metadata, { owner: "sdk", suite: "roundtrip", kind: "thread", reviewed: true });
  assert.equal(rescheduled.thread_id, state.threadId);
});

step("errors surface as HTTP errors", async (client) => {
  await rejectsWith(404, client.crons.create("no-such-graph", { schedule: "0 8 * * *" }));
  await rejectsWith(422, client.crons.create("agent", { schedule: "0 8 * * *", timezone: "Mars/Base" }));
  await rejectsWith(422, client.crons.create("agent", { schedule: "not a schedule" }));
  await rejectsWith(422, client.crons.search({ limit: 0 }));
  await rejectsWith(400, client.crons.update(state.threadCronId, {}));
  const unauthenticated = new Client({ apiUrl: state.url, apiKey: null });
  await rejectsWith(401, unauthenticated.crons.count());
});

// Runs take 60 s here (--run-duration), so the first one is still running when the next ones
// arrive: the multitask strategies and cancel are exercised for real.
step("runs.create, runs.get, runs.list, runs.cancel on a thread", async (client) => {
  const run = await client.runs.create(state.threadId, "agent", {
    input: { q: "status?" },
    metadata: { suite: "roundtrip" },
  });
  assert.equal(run.status, "pending");
  assert.equal(run.thread_id, state.threadId);
  assert.equal(run.assistant_id, AGENT_ID);
  assert.equal(run.multitask_strategy, "enqueue");
  assert.deepEqual(run.metadata, { suite: "roundtrip" });
  assert.equal((await client.runs.get(state.threadId, run.run_id)).status, "running");

  await rejectsWith(409, client.runs.create(state.threadId, "agent", { multitaskStrategy: "reject" }));
  const queued = await client.runs.create(state.threadId, "agent", { multitaskStrategy: "enqueue" });
  assert.equal(queued.status, "pending");

  const pending = await client.runs.list(state.threadId, { status: "pending" });
  assert.deepEqual(pending.map((r) => r.run_id), [queued.run_id]);
  const all = await client.runs.list(state.threadId);
  assert.deepEqual(new Set(all.map((r) => r.run_id)), new Set([run.run_id, queued.run_id]));
  const second = await client.runs.list(state.threadId, { limit: 1, offset: 1 });
  assert.equal(second.length, 1);

  await client.runs.cancel(state.threadId, run.run_id);
  assert.equal((await client.runs.get(state.threadId, run.run_id)).status, "interrupted");
  assert.equal((await client.runs.get(state.threadId, queued.run_id)).status, "running");
  await client.runs.cancel(state.threadId, queued.run_id, true, "rollback");
  await rejectsWith(404, client.runs.get(state.threadId, queued.run_id));
  await rejectsWith(404, client.runs.get(state.threadId, "00000000-0000-4000-8000-000000000000"));
  await rejectsWith(422, client.runs.list(state.threadId, { status: "finished" }));
});

step("runs.create stateless (onCompletion keep) and runs.cancel", async (client) => {
  const run = await client.runs.create(null, "echo", { onCompletion: "keep", input: {} });
  assert.equal(run.status, "pending");
  assert.equal(typeof run.thread_id, "string");
  assert.equal((await client.runs.get(run.thread_id, run.run_id)).status, "running");
  await client.runs.cancel(run.thread_id, run.run_id);
  const runs = await client.runs.list(run.thread_id, { status: "interrupted" });
  assert.deepEqual(runs.map((r) => r.run_id), [run.run_id]);
  await rejectsWith(404, client.runs.create(null, "no-such-graph", {}));
});

step("crons.delete", async (client) => {
  assert.equal(await client.crons.delete(state.statelessId), undefined);
  assert.equal(await client.crons.delete(state.threadCronId), undefined);
  assert.equal(await client.crons.count({ metadata: { suite: "roundtrip" } }), 0);
  await rejectsWith(404, client.crons.delete(state.threadCronId));
});

const { child, url } = await startSandbox();
state.url = url;
let failed = 0;
try {
  const client = new Client({ apiUrl: url, apiKey: API_KEY });
  for (const { name, fn } of steps) {
    try {
      await fn(client);
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n${error.stack ?? error}`);
    }
  }
} finally {
  child.removeAllListeners("exit");
  child.kill("SIGTERM");
}
console.log(failed === 0 ? `all ${steps.length} steps passed` : `${failed} of ${steps.length} steps failed`);
process.exit(failed === 0 ? 0 : 1);
