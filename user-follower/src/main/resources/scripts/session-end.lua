-- End a session, only while the token is still the session's.
-- KEYS[1] session hash, KEYS[2] token key. ARGV[1] digest.
-- Returns 1 ended, 0 the token is not the session's (the token key is removed anyway).
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
  redis.call('DEL', KEYS[2])
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2])
return 1
