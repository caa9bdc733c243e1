-- POST /api/v1/sessions as seeded users bench_u<6 digits>, each once (the single-session
-- rule would answer 409 for a user already logged in): BENCH_FIRST is the first user of
-- this run, each thread takes every BENCH_THREADS-th. BENCH_PASSWORD_SUFFIX '' gives the
-- right password (201), anything else a wrong one (401).
dofile(os.getenv("BENCH_LUA") .. "/lib.lua")
local suffix = os.getenv("BENCH_PASSWORD_SUFFIX") or ""
if suffix == "" then expected = { [201] = true } else expected = { [401] = true } end
local first = tonumber(os.getenv("BENCH_FIRST"))
local span = tonumber(os.getenv("BENCH_SPAN"))
local step = tonumber(os.getenv("BENCH_THREADS"))
local n = 0
function init(args)
  n = tid
end
function request()
  local user = first + (n % span)
  n = n + step
  return wrk.format("POST", "/api/v1/sessions", { ["Content-Type"] = "application/json" },
    string.format('{"name":"bench_u%06d","password":"bench password 1%s"}', user, suffix))
end
