-- wrk script: POST /api/v1/decide with a unique transfer per request, signed with the API key in env FANZHA_API_KEY.
-- Payers and payees come from a pool of 20,000 accounts. Prints one machine-readable line (report.lua; run from the
-- repository root, as bench/decide-wrk.sh does).
dofile("bench/wrk/report.lua")
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread) -- ids stay unique across wrk's threads
  next_thread = next_thread + 1
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
