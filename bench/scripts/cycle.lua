-- Login then logout: a 201 login's token is queued, the next request of the thread ends
-- that session (204); users as in login.lua. One cycle is two requests.
dofile(os.getenv("BENCH_LUA") .. "/lib.lua")
expected = { [201] = true, [204] = true }
local first = tonumber(os.getenv("BENCH_FIRST"))
local span = tonumber(os.getenv("BENCH_SPAN"))
local step = tonumber(os.getenv("BENCH_THREADS"))
local n = 0
local tokens = {}
function init(args)
  n = tid
end
function request()
  local token = table.remove(tokens)
  if token then
    return wrk.format("DELETE", "/api/v1/sessions/current", { ["Authorization"] = "Bearer " .. token })
  end
  local user = first + (n % span)
  n = n + step
  return wrk.format("POST", "/api/v1/sessions", { ["Content-Type"] = "application/json" },
    string.format('{"name":"bench_u%06d","password":"bench password 1"}', user))
end
function response(status, headers, body)
  check(status)
  if status == 201 then
    table.insert(tokens, string.match(body, '"token":"([^"]+)"'))
  end
end
