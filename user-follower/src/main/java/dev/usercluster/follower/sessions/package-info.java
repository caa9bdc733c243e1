/**
 * Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.usercluster.follower.sessions;

import org.jspecify.annotations.NullMarked;
