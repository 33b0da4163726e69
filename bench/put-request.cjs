// autocannon worker hook for the PUT benchmark (workers need a file, not a function):
// spreads requests over the prepared assessments and alternates two full answer sets,
// so every write changes every answer.
const { readFileSync } = require('node:fs');

const plan = JSON.parse(readFileSync(process.env.MIGOV_BENCH_PUT_PLAN, 'utf8'));
let counter = 0;

module.exports = (request) => {
  const n = counter++;
  return {
    ...request,
    path: `/v1/assessments/${plan.ids[n % plan.ids.length]}/answers`,
    body: plan.bodies[Math.floor(n / plan.ids.length) % 2],
  };
};
