package dev.usercluster.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.cluster.SlotHash;

/**
 * Writes synthetic live sessions into Redis as a follower's login does (the follower's
 * {@code SessionKeys} and {@code session-login.lua}), but without an event each: the
 * session hash {@code uc:session:{tag}:<digest>} with {@code nameKey}, {@code name},
 * {@code endpoint}, {@code createdAt}, {@code expiresAt} and its expiry, the user's set
 * {@code uc:sessions:{tag}:<name key>}, and the member {@code <name key> NUL <digest>} of
 * the shard's online index {@code uc:online:{tag}} and expiry index
 * {@code uc:expiries:{tag}}. The tag is the hash tag of the user's shard: of 16, chosen
 * by the first two bytes of SHA-256 of the name key (whose first 8 bytes start the
 * token), each shard's tag the first {@code s<shard>.<n>} whose Redis Cluster slot is in
 * the shard's sixteenth of the slots.
 *
 * <p>
 * Commands go out pipelined on one connection while a second thread reads the replies, so
 * a million sessions take seconds. Names are {@code bench_live_<7 digits>}.
 */
final class SessionLoader {

	private static final long TTL_MILLIS = 5 * 60 * 60 * 1000L;

	private static final SecureRandom random = new SecureRandom();

	private static final String[] SHARD_TAGS = shardTags(16);

	private SessionLoader() {
	}

	static void run(String host, int port, int start, int count, Path tokens, int tokenCount) throws Exception {
		long begin = System.nanoTime();
		try (Socket socket = new Socket(host, port);
				BufferedWriter tokenFile = (tokens != null) ? Files.newBufferedWriter(tokens) : null) {
			socket.setTcpNoDelay(true);
			AtomicLong errors = new AtomicLong();
			long commands = 6L * count;
			Thread reader = new Thread(() -> readReplies(socket, commands, errors));
			reader.start();
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			HexFormat hex = HexFormat.of();
			long now = System.currentTimeMillis();
			String createdAt = Long.toString(now);
			String expiresAt = Long.toString(now + TTL_MILLIS);
			String ttl = Long.toString(TTL_MILLIS);
			for (int i = start; i < start + count; i++) {
				String nameKey = String.format("bench_live_%07d", i);
				byte[] tag = Arrays.copyOf(sha256.digest(nameKey.getBytes(StandardCharsets.UTF_8)), 8);
				byte[] token = new byte[32];
				System.arraycopy(tag, 0, token, 0, 8);
				byte[] secret = new byte[24];
				random.nextBytes(secret);
				System.arraycopy(secret, 0, token, 8, 24);
				// the follower's SessionToken.digest(): the first 16 bytes of SHA-256
				String digest = hex.formatHex(sha256.digest(token), 0, 16);
				String hashTag = SHARD_TAGS[(((tag[0] & 0xff) << 8) | (tag[1] & 0xff)) % SHARD_TAGS.length];
				// the layout the session scripts write (user-follower's SessionKeys and
				// session-login.lua), without an event per session
				String sessionKey = "uc:session:{" + hashTag + "}:" + digest;
				String member = nameKey + '\0' + digest;
				command(out, "HSET", sessionKey, "nameKey", nameKey, "name", nameKey, "endpoint", "10.1.2.3:7000",
						"createdAt", createdAt, "expiresAt", expiresAt);
				command(out, "PEXPIRE", sessionKey, ttl);
				command(out, "ZADD", "uc:sessions:{" + hashTag + "}:" + nameKey, createdAt, digest);
				command(out, "PEXPIRE", "uc:sessions:{" + hashTag + "}:" + nameKey, ttl);
				command(out, "ZADD", "uc:online:{" + hashTag + "}", "0", member);
				command(out, "ZADD", "uc:expiries:{" + hashTag + "}", expiresAt, member);
				if (tokenFile != null && i - start < tokenCount) {
					// name, token, and the keys of its session: hash, user's set, shard
					// tag
					tokenFile.write(nameKey + " " + Base64.getUrlEncoder().withoutPadding().encodeToString(token) + " "
							+ sessionKey + " uc:sessions:{" + hashTag + "}:" + nameKey + " " + hashTag);
					tokenFile.newLine();
				}
			}
			out.flush();
			reader.join();
			System.out.printf("sessions %d %d %.2f%n", count, errors.get(), (System.nanoTime() - begin) / 1e9);
		}
	}

	// the follower's SessionKeys.shardTags()
	private static String[] shardTags(int shards) {
		String[] tags = new String[shards];
		int span = SlotHash.SLOT_COUNT / shards;
		for (int shard = 0; shard < shards; shard++) {
			for (int j = 0; tags[shard] == null; j++) {
				String tag = "s" + shard + "." + j;
				if (SlotHash.getSlot(tag) / span == shard) {
					tags[shard] = tag;
				}
			}
		}
		return tags;
	}

	private static void command(OutputStream out, String... args) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
		buffer.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		for (String arg : args) {
			byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
			buffer.write(('$' + Integer.toString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			buffer.write(bytes);
			buffer.write('\r');
			buffer.write('\n');
		}
		buffer.writeTo(out);
	}

	// every reply to HSET, PEXPIRE and ZADD is one line: ':n', '+OK' or '-ERR ...'
	private static void readReplies(Socket socket, long expected, AtomicLong errors) {
		try {
			InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
			for (long seen = 0; seen < expected; seen++) {
				int first = in.read();
				if (first < 0) {
					throw new IOException("Redis closed the connection after " + seen + " replies");
				}
				if (first == '-') {
					errors.incrementAndGet();
				}
				int c;
				while ((c = in.read()) != '\n') {
					if (c < 0) {
						throw new IOException("Redis closed the connection mid-reply");
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
