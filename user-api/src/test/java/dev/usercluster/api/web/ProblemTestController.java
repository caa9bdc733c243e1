package dev.usercluster.api.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.Page;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.RegisterRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail in each way the shared problem handling must cover. */
@RestController
public class ProblemTestController {

	private final Validator validator;

	ProblemTestController(Validator validator) {
		this.validator = validator;
	}

	@PostMapping(path = "/test/users", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterRequest request) {
		return ResponseEntity.status(201).body(Map.of("name", request.name()));
	}

	@GetMapping(path = "/test/users", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Integer> list(@RequestParam(name = "limit") @Min(Page.MIN_LIMIT) @Max(Page.MAX_LIMIT) Integer limit) {
		return Map.of("limit", limit);
	}

	@GetMapping("/test/violation")
	void violation() {
		throw new ConstraintViolationException(this.validator.validate(new RegisterRequest("a b", "secret pw")));
	}

	@GetMapping("/test/taken")
	void taken() {
		throw new ApiException(ProblemCode.NAME_TAKEN, "Taken.").retryAfter(Duration.ofMillis(1500));
	}

	@GetMapping("/test/boom")
	void boom() {
		throw new IllegalStateException("secret internals");
	}

	@GetMapping("/test/send-error")
	void sendError(HttpServletResponse response) throws IOException {
		response.sendError(400, "secret container message");
	}

}
