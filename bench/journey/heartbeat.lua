-- wrk script: heartbeats rotating over learners and items from targets.lua, each claiming
-- the real page's minute (the server credits only the wall time since the learner's last
-- ping), summing the seconds the server says it credited (checked against the database).
local targets = dofile(os.getenv("JOURNEY_TARGETS"))
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
  local body = '{"seconds": 60, "progress_data": {"position": ' .. (counter % 100) .. '}}'
  return wrk.format("POST", "/api/v1/progress/" .. t.item .. "/heartbeat",
    {["Content-Type"] = "application/json", ["X-Session-Token"] = t.token}, body)
end

function response(status, headers, body)
  local seconds = body:match('"credited_seconds":%s*(%d+)')
  if seconds then credited = credited + tonumber(seconds) end
  if status ~= 200 then credited = credited + 0 end
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
