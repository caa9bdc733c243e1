/**
 * Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.usercluster.follower.discovery;

import org.jspecify.annotations.NullMarked;
