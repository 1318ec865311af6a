-- wrk script: an app's offline sync, 10 heartbeats of a minute each a request, rotating
-- over the learners of targets.lua; sums the seconds the server says it credited.
local targets = dofile(os.getenv("JOURNEY_TARGETS"))
local ENTRIES = 10
local counter = 0
credited = 0
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local t = targets[(counter % #targets) + 1]
  local entries = {}
  for minute = 1, ENTRIES do
    entries[minute] = string.format(
      '{"content_item_id": %d, "seconds": 60, "progress_data": {"position": %d},'
      .. ' "client_sent_at": "2026-12-01T07:%02d:00Z"}', t.item, minute * 60, minute)
  end
  local body = '{"heartbeats": [' .. table.concat(entries, ", ") .. ']}'
  return wrk.format("POST", "/api/v1/heartbeats",
    {["Content-Type"] = "application/json", ["X-Session-Token"] = t.token}, body)
end

function response(status, headers, body)
  local seconds = body:match('^{"credited_seconds":%s*(%d+)')
  if seconds then credited = credited + tonumber(seconds) end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("credited") or 0)
  end
  io.write(string.format("CREDITED %d\n", total))
  io.write(string.format("P50 %.3f\nP99 %.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("ERRORS %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
