-- wrk script: POST /api/v1/decide with a unique transfer per request, signed with the API key in env FANZHA_API_KEY.
-- Payers and payees come from a pool of 20,000 accounts, as in `fanzha decide-load`. Prints one machine-readable line.
local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  run = os.getenv("WRK_RUN") or tostring(os.time())
  counter = 0
  wrk.method = "POST"
  wrk.path = "/api/v1/decide"
  wrk.headers["Content-Type"] = "application/json"
  local key = os.getenv("FANZHA_API_KEY")
  if key and key ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. key
  end
end

function request()
  counter = counter + 1
  local from = (counter * 7919 + tid * 104729) % 20000
  local to = (from + 1 + (counter * 104729) % 19999) % 20000
  local body = string.format(
    '{"type":"transfer","id":"wrk-%s-%d-%d","ts":%d,"from":"alipay:u%05d","to":"alipay:u%05d","amount":"%d.00","channel":"mobile"}',
    run, tid, counter, 1795741200000 + counter * 10, from, to, 100 + counter % 5000)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, errors, summary.requests))
end
