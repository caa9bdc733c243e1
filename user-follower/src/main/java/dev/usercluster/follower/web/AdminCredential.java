package dev.usercluster.follower.web;

import org.springframework.stereotype.Component;

@Component
class AdminCredential {

	void check(String authorization) {
		throw new UnsupportedOperationException("TODO");
	}

}
