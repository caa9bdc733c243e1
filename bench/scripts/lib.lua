-- Shared by every scenario: per-thread ids, a check of each answer's status against the
-- one the scenario expects, and one RESULT line at the end (latencies in ms).
-- Each scenario sets `expected` (a table of statuses) and `request`.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

unexpected = 0

function check(status)
  if not expected[status] then
    unexpected = unexpected + 1
  end
end

function response(status, headers, body)
  check(status)
end

-- lines of a file, for tokens and names
function lines(path)
  local list = {}
  for line in io.lines(path) do
    table.insert(list, line)
  end
  return list
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("unexpected") or 0)
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + bad
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, errors))
end
