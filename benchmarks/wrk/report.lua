-- Shared by the wrk scenarios of scripts/bench-auth.sh: one machine-readable line at the end,
-- "RESULT requests=<n> errors=<n> p50_ms=<x> p99_ms=<x>", where errors counts non-2xx answers
-- and socket errors (connect, read, write, timeout).
local report = {}

function report.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

return report
