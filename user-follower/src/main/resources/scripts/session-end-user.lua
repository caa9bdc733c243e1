-- End every live session of the user but one, each with its offline event.
-- ARGV[6] reason, ARGV[7] digest of the session to keep ('' for none).
-- Returns {the digests of the sessions ended, EMITTED}.
local ended = {}
for _, digest in ipairs(live_sessions()) do
  if digest ~= ARGV[7] then
    end_session(digest, ARGV[6])
    ended[#ended + 1] = digest
  end
end
return {ended, EMITTED}
