package dev.usercluster.follower.sessions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads of every shard ({@link SessionKeys}) at once: one command per shard, pipelined,
 * so one round trip on one Redis (on a Redis Cluster, Lettuce sends each command to the
 * master of its shard's slot).
 */
final class ShardReads {

	private ShardReads() {
	}

	/** One shard's command, queued on a pipelined connection. */
	@FunctionalInterface
	interface ShardRead {

		@Nullable Object queue(RedisConnection connection, String shardTag);

	}

	/**
	 * The replies, one per shard in shard order, deserialized as the template does
	 * (strings).
	 */
	static List<Object> each(StringRedisTemplate redis, ShardRead read) {
		return redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (int shard = 0; shard < SessionKeys.SHARDS; shard++) {
				read.queue(connection, SessionKeys.shardTag(shard));
			}
			return null;
		});
	}

	/** The members of every shard's reply (each a collection of strings), together. */
	static List<String> union(StringRedisTemplate redis, ShardRead read) {
		List<String> all = new ArrayList<>();
		for (Object reply : each(redis, read)) {
			if (reply instanceof Collection<?> members) {
				for (Object member : members) {
					all.add(member.toString());
				}
			}
		}
		return all;
	}

}
