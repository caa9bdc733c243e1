package dev.usercluster.gateway;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The raw material of hostile requests: strings, JSON values and header values that have
 * broken web services before. Each list is sampled with the fuzzer's seeded random.
 */
final class HostileValues {

	/** Strings that try to escape into SQL, Redis, templates, paths or terminals. */
	static final List<String> STRINGS = List.of("' OR '1'='1", "'; DROP TABLE users; --", "\" OR 1=1 --", "admin'--",
			"1; SELECT SLEEP(10)", "%' UNION SELECT password_hash FROM users --", "\\'; SHUTDOWN; --",
			"*1\r\n$8\r\nFLUSHALL\r\n", "\r\nFLUSHDB\r\n", "uc:session:*", "{0000000000000000}", "$-1\r\n",
			"EVAL \"redis.call('flushall')\" 0", "\u0000", "a\u0000b", "\u0001\u001f\u007f", "\r\n\r\n", "\t", "\u200B",
			"\uFEFF", "\u202Eevil", "\u0430dmin", "\uD83D\uDE00", "\u0130", "\u01C5", "\u00DF",
			"\uFF41\uFF4C\uFF49\uFF43\uFF45", ".", "..", "%s%n%x", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}",
			"<script>alert(1)</script>", "../../etc/passwd", "..\\..\\", "null", "undefined", "NaN", "-0", "1e999999",
			"", " ", "\u3000", "\u00A0", "a".repeat(33), "a".repeat(129), "p".repeat(2000));

	/** JSON values that are not strings, or not sane ones. */
	static final List<String> JSON_VALUES = List.of("42", "-0", "1e999999", "-1e-999999",
			"123456789012345678901234567890123456789012345678901234567890", "9".repeat(2000), "0x10", "NaN", "Infinity",
			"true", "false", "null", "[]", "{}", "[\"alice\"]", "{\"$ne\":null}", "\"\\uD800\"", "\"a\\uDC00b\"",
			"\"\\u0000\"", "\"\\uD83D\"", "'single'", "\"unterminated", "01", ".5", "+1");

	/** Values for {@code X-Forwarded-For}, as ASCII. */
	static final List<String> FORWARDED_FOR = List.of("garbage", "1.2.3.4", "::1", "[::1]", "unknown",
			"1.2.3.4, 5.6.7.8", "999.999.999.999", ", , ,", "127.0.0.1", "fe80::1%eth0", "2001:db8::1", "1.2.3.4:80",
			"0.0.0.0", "255.255.255.255", "::ffff:10.0.0.1", "1.2.3.4, garbage, ::1", "1.2.3.4,".repeat(300),
			"%31.2.3.4", "' OR 1=1 --", "*1\r\n");

	/** Values for {@code X-Request-Id}, as ASCII. */
	static final List<String> REQUEST_IDS = List.of("", "fuzz-1", "a".repeat(129), "a".repeat(6000), "../../etc",
			"<script>", "%00", "id with spaces", "${jndi:x}", "' OR 1=1 --", "\t", "0123456789abcdef");

	static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
			"application/json; charset=utf-16", "application/json; charset=bogus", "application/json;;;", "text/plain",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "*/*",
			"application/*", "garbage", "", "application/problem+json", "application/merge-patch+json",
			"APPLICATION/JSON", "application/json; charset=\"utf-8\"", "application/" + "j".repeat(3000),
			"application/json; q=x", "application/json, text/plain", "/", ";");

	static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/html", "application/xml", "garbage/",
			"application/problem+json", "text/event-stream", ";q=x", "application/json;q=0", "image/png, */*;q=0");

	static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
			"CONNECT", "FOO", "PROPFIND", "get", "Post", "A".repeat(200), "G\u0001T", "GET\tX", "M-SEARCH", "BREW");

	/** Path segments in place of a user name, already as they go on the wire. */
	static final List<String> NAME_SEGMENTS = List.of("%2F", "a%2Fb", "a\\b", "%5C", "%2e%2e", "..", "%2e", ".", "%00",
			"a%00b", "%FF%FE", "%C0%AF", "%ED%A0%80", "%", "%zz", "a;jsessionid=1", ";", "%252F", "%u0041",
			"a%0D%0AX-Injected:%201", "%F0%9F%98%80", "%E2%80%AE", "~", "a".repeat(300), "a".repeat(9000),
			"%27%20OR%20%271%27%3D%271", "*", "a/b/c", "", "a%20b", "%C4%B0");

	/** Whole request targets. */
	static final List<String> PATHS = List.of("//api/v1/users", "/api/v1/../v1/users", "/api/v1/%2e%2e/v1/users",
			"/API/V1/USERS", "/api/v1/users/", "/api/v1\\users", "/api/v1/users;x=y", "*",
			"http://example.com/api/v1/users", "/api/v1/users#frag", "api/v1/users", "/%2e/api/v1/users",
			"/api/v1/./users", "/error", "/error/", "/error?x=1", "/actuator/health", "/actuator/env",
			"/actuator/heapdump", "/actuator/../api/v1/users", "/.git/config", "/WEB-INF/web.xml",
			"/META-INF/MANIFEST.MF", "/api/v2/users", "/api/v1/sessions/current/", "/api/v1/sessions/other",
			"/api/v1/admin", "/api/v1/admin/users", "/%2F%2F", "/..%2F..%2Fetc%2Fpasswd", "/%u002e", "/api/v1/users%00",
			"/api/v1/users/%2e%2e/sessions", "/swagger-ui/../error", "/" + "x".repeat(9000));

	/** Query strings, already as they go on the wire. */
	static final List<String> QUERIES = List.of("after=%FF%FE", "after=%FF", "after=%C0%AF", "after=%ED%A0%80",
			"after=%", "after=%zz", "after=" + "a".repeat(5000), "after=%27%20OR%201%3D1%20--", "limit=abc", "limit=-1",
			"limit=0", "limit=501", "limit=99999999999999999999", "limit=1e3", "limit=1.5", "limit=%00",
			"limit=1&limit=2", "limit=", "after=a&after=b", "a=1&".repeat(1100), "after=%2F", "&&&", "=", "after",
			"%FF=1", "after=%3Cscript%3E", "after[]=1", "after=YWxpY2U", "after=!!!!", "after=____",
			"after=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "limit=%2B5", "limit= 5",
			"limit=0x10", "after=%00&limit=%00", "after=%F0%9F%98%80");

	private HostileValues() {
	}

	static <T> T pick(SplittableRandom random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** A string with combining marks piled on one letter. */
	static String combiningFlood(SplittableRandom random) {
		return "a" + "\u0301".repeat(1 + random.nextInt(3000));
	}

	/** A JSON string literal of {@code value}, escaped the way a careful client would. */
	static String jsonString(String value) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20 || Character.isSurrogate(c)) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
