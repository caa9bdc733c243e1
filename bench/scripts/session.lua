-- Calls that carry a session token, BENCH_CALL one of: whoami, heartbeat, presence,
-- lookup (POST /presence/lookup of 100 names), online, users. Tokens (and the names they belong to) from BENCH_TOKENS, lines
-- "<name> <token>"; presence looks up names from BENCH_NAMES (default: the same file).
dofile(os.getenv("BENCH_LUA") .. "/lib.lua")
expected = { [200] = true }
local call = os.getenv("BENCH_CALL")
local tokens = {}
local names = {}
for _, line in ipairs(lines(os.getenv("BENCH_TOKENS"))) do
  local name, token = string.match(line, "(%S+) (%S+)")
  table.insert(tokens, token)
end
for _, line in ipairs(lines(os.getenv("BENCH_NAMES") or os.getenv("BENCH_TOKENS"))) do
  table.insert(names, string.match(line, "(%S+)"))
end
local n = 0
function init(args)
  n = tid * 7919
end
function request()
  n = n + 1
  local headers = { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] }
  if call == "whoami" then
    return wrk.format("GET", "/api/v1/sessions/current", headers)
  elseif call == "heartbeat" then
    return wrk.format("PATCH", "/api/v1/sessions/current", headers)
  elseif call == "presence" then
    return wrk.format("GET", "/api/v1/users/" .. names[(n * 7 % #names) + 1] .. "/session", headers)
  elseif call == "lookup" then
    local asked = {}
    for i = 1, 100 do
      asked[i] = '"' .. names[((n * 100 + i) * 7 % #names) + 1] .. '"'
    end
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/presence/lookup", headers, '{"names":[' .. table.concat(asked, ",") .. ']}')
  elseif call == "online" then
    return wrk.format("GET", "/api/v1/sessions?limit=100", headers)
  else
    return wrk.format("GET", "/api/v1/users?limit=100", headers)
  end
end
