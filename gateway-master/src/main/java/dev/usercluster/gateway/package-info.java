/**
 * Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.usercluster.gateway;

import org.jspecify.annotations.NullMarked;
