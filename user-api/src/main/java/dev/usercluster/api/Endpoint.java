package dev.usercluster.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A connection server's address, {@code host:port}: a DNS name, an IPv4 address or a
 * bracketed IPv6 address, and a port from 1 to 65535. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = EndpointValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Endpoint {

	String message() default "must be host:port";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
