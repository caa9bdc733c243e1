package dev.usercluster.follower.sessions;

import dev.usercluster.follower.audit.AuditLog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client address of the current request, for throttling: the peer's address, or, when
 * the peer is a trusted proxy, the last entry of {@code X-Forwarded-For} (the address
 * that proxy saw; earlier entries are whatever the client claimed).
 */
@Component
class ClientAddress implements AuditLog.ClientAddressOfRequest {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	/** Characters of an IPv4 or IPv6 literal; anything else is not an address. */
	private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final Set<InetAddress> trustedProxies;

	ClientAddress(ClientAddressProperties properties) {
		this.trustedProxies = properties.trustedProxies()
			.stream()
			.map((proxy) -> literal(proxy)
				.orElseThrow(() -> new IllegalArgumentException("Not an IP address in trusted-proxies: " + proxy)))
			.collect(Collectors.toUnmodifiableSet());
	}

	String current() {
		return of(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest());
	}

	@Override
	public String of(HttpServletRequest request) {
		return of(request.getRemoteAddr(), Collections.list(request.getHeaders(FORWARDED_FOR)));
	}

	/**
	 * The client address given a peer address and the {@code X-Forwarded-For} header
	 * lines.
	 */
	String of(String remoteAddress, List<String> forwardedFor) {
		Optional<InetAddress> remote = literal(remoteAddress);
		if (remote.isEmpty() || !this.trustedProxies.contains(remote.get()) || forwardedFor.isEmpty()) {
			return remote.map(InetAddress::getHostAddress).orElse(remoteAddress);
		}
		String last = forwardedFor.get(forwardedFor.size() - 1);
		String entry = last.substring(last.lastIndexOf(',') + 1).strip();
		return literal(entry).map(InetAddress::getHostAddress).orElse(remote.get().getHostAddress());
	}

	// only literals: InetAddress.getByName would resolve a host name through DNS
	private static Optional<InetAddress> literal(String address) {
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
