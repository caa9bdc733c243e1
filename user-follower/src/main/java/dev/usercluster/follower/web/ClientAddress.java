package dev.usercluster.follower.web;

import org.springframework.stereotype.Component;

@Component
class ClientAddress {

	String current() {
		throw new UnsupportedOperationException("TODO");
	}

}
