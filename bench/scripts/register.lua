-- POST /api/v1/users with a new name each time: 201 expected.
dofile(os.getenv("BENCH_LUA") .. "/lib.lua")
expected = { [201] = true }
-- BENCH_RUN differs per bench run, BENCH_FIRST per wrk run, so no name repeats
local run = os.getenv("BENCH_RUN") .. "_" .. (os.getenv("BENCH_FIRST") or "0")
local n = 0
function init(args)
  prefix = "r" .. run .. "_" .. tid .. "_"
end
function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/users", { ["Content-Type"] = "application/json" },
    '{"name":"' .. prefix .. n .. '","password":"bench password 1"}')
end
