-- Record a failed login from a client address in a fixed window that starts at the
-- window's first failure. Times come from the application's clock (ARGV).
-- KEYS[1] hash (start, count), KEYS[2] attempts in flight, of which this failure's
-- reservation is removed. ARGV: now ms, window ms, attempt id.
-- Returns the number of failures in the current window.
redis.call('ZREM', KEYS[2], ARGV[3])
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local start = tonumber(redis.call('HGET', KEYS[1], 'start'))
if not start or now - start >= window then
  redis.call('HSET', KEYS[1], 'start', now, 'count', 1)
else
  redis.call('HINCRBY', KEYS[1], 'count', 1)
end
redis.call('PEXPIRE', KEYS[1], window + 60000)
return tonumber(redis.call('HGET', KEYS[1], 'count'))
