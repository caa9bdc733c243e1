-- Take one of a fixed number of attempts per window (a window starts at its first
-- attempt), atomically, so that concurrent callers never exceed the cap.
-- KEYS[1] window hash (start, count). ARGV: now ms, cap, window ms.
-- Returns 0 taken, else how long to wait in ms, to the window's end.
local now = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local start = tonumber(redis.call('HGET', KEYS[1], 'start'))
if not start or now - start >= window then
  redis.call('HSET', KEYS[1], 'start', now, 'count', 1)
  redis.call('PEXPIRE', KEYS[1], window + 60000)
  return 0
end
if (tonumber(redis.call('HGET', KEYS[1], 'count')) or 0) >= cap then
  return start + window - now
end
redis.call('HINCRBY', KEYS[1], 'count', 1)
return 0
