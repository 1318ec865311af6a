-- wrk script for GETs: prints p50/p99 in milliseconds and errors in a parseable form.
local cookie = os.getenv("JOURNEY_COOKIE")

function request()
  local headers = {}
  if cookie and cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", nil, headers)
end

function done(summary, latency, requests)
  io.write(string.format("P50 %.3f\nP99 %.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("ERRORS %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
