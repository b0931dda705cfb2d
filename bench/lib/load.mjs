import autocannon from 'autocannon';

/** One autocannon run; returns the figures the report uses. `requests` may vary bodies per request. */
export async function load({
  url,
  connections = 50,
  durationSeconds = 10,
  method = 'GET',
  headers,
  body,
  requests,
  expectStatus,
}) {
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    method,
    headers,
    body,
    requests,
    pipelining: 1,
  });
  const ok = expectStatus ? (result.statusCodeStats?.[expectStatus]?.count ?? 0) : result['2xx'];
  return {
    rps: Math.round(ok / durationSeconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
