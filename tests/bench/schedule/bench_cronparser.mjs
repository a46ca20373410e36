// cron-parser side of the schedule benchmark: time per next() call for cases.json, chained on
// one CronExpression like a scheduler would. Prints one JSON object per case.
//
//   node bench_cronparser.mjs cases.json [minTimeSeconds]

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CronExpressionParser } = require('cron-parser');
const version = require('cron-parser/package.json').version;

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const minTime = Number(process.argv[3] ?? 0.3);
const steps = config.steps;
const start = new Date(config.start);

function perCall(run) {
  const samples = [];
  const begin = process.hrtime.bigint();
  while (samples.length < 5 || Number(process.hrtime.bigint() - begin) / 1e9 < minTime) {
    samples.push(run() / steps);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

for (const c of config.cases) {
  let sink = 0;
  const chained = () => {
    const interval = CronExpressionParser.parse(c.expr, { currentDate: start, tz: c.zone });
    const t = process.hrtime.bigint();
    for (let i = 0; i < steps; ++i) {
      sink += interval.next().getTime() & 1;
    }
    return Number(process.hrtime.bigint() - t);
  };
  // Warm up the JIT before measuring.
  for (let i = 0; i < 3; ++i) chained();
  console.log(JSON.stringify({ expr: c.expr, zone: c.zone, version, nsPerNext: perCall(chained), sink }));
}
