package dev.usercluster.follower.sessions;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.usercluster.follower.audit.AuditLog;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client address of the current request, as throttling counts it: an IPv4 address as
 * it is, an IPv6 address by its /64 prefix (one host usually holds a whole /64).
 *
 * <p>
 * Which address that is, Tomcat's {@code RemoteIpValve} has already decided
 * ({@code server.forward-headers-strategy=native}): the peer's address, or, when the peer
 * is a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}, CIDR ranges), the
 * first address in {@code X-Forwarded-For} that is not one, counted from the right; the
 * entries to the left of it are whatever the client claimed.
 */
@Component
class ClientAddress implements AuditLog.ClientAddressOfRequest {

	/** Characters of an IPv4 or IPv6 literal; anything else is not an address. */
	private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final int IPV6_PREFIX_BYTES = 8;

	String current() {
		return of(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest());
	}

	@Override
	public String of(HttpServletRequest request) {
		return of(request.getRemoteAddr());
	}

	/**
	 * The throttling key of an address.
	 * @param remoteAddress the request's remote address, after the valve
	 * @return the IPv4 address, {@code <IPv6 /64 prefix>/64}, or the text as it came when
	 * it is not an address literal (whatever a trusted proxy passed on)
	 */
	static String of(@Nullable String remoteAddress) {
		Optional<InetAddress> literal = literal(remoteAddress);
		if (literal.isEmpty()) {
			return String.valueOf(remoteAddress);
		}
		InetAddress address = literal.get();
		if (!(address instanceof Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] prefix = address.getAddress();
		Arrays.fill(prefix, IPV6_PREFIX_BYTES, prefix.length, (byte) 0);
		try {
			return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("16 bytes are always an IPv6 address", ex);
		}
	}

	// only literals: InetAddress.getByName would resolve a host name through DNS
	private static Optional<InetAddress> literal(@Nullable String address) {
		if (address == null || !LITERAL.matcher(address).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(address));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

}
