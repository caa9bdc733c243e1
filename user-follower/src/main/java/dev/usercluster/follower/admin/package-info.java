/**
 * Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.usercluster.follower.admin;

import org.jspecify.annotations.NullMarked;
