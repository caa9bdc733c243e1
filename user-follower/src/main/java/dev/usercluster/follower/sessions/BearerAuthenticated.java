package dev.usercluster.follower.sessions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller method (or every method of a controller) that needs a live session token
 * in {@code Authorization: Bearer <token>}. The session is resolved once, before the
 * method runs; without one the call is 401 {@code invalid-session}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface BearerAuthenticated {

}
